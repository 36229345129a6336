package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** A recovery symbol that does not belong to the blob or cannot serve the requested target. */
public final class InvalidSymbolException extends WalrusException {
  public InvalidSymbolException(String message) {
    super(message);
  }
}
