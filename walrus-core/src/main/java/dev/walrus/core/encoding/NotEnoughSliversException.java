package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** Fewer distinct slivers or symbols than decoding needs. */
public final class NotEnoughSliversException extends WalrusException {
  public NotEnoughSliversException(String message) {
    super(message);
  }
}
