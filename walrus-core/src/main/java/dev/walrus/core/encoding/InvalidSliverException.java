package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** A sliver that does not belong to a blob: wrong size, index, symbol size or hash. */
public final class InvalidSliverException extends WalrusException {
  public InvalidSliverException(String message) {
    super(message);
  }
}
