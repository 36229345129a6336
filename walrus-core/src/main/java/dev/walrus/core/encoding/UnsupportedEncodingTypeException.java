package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** An encoding type other than RS2 (1). */
public final class UnsupportedEncodingTypeException extends WalrusException {
  public UnsupportedEncodingTypeException(int value) {
    super("unsupported encoding type " + value + ": only RS2 (1) is supported");
  }
}
