package dev.walrus.core.bcs;

import dev.walrus.core.WalrusException;

/** Malformed or truncated BCS input, or a value BCS cannot represent. */
public final class BcsException extends WalrusException {
  public BcsException(String message) {
    super(message);
  }
}
