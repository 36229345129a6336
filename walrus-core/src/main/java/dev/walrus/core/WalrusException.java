package dev.walrus.core;

/**
 * Base of every error walrus-core reports for bad input or impossible requests. Subclasses name
 * the kind of failure; the message says what was wrong in one line.
 */
public class WalrusException extends RuntimeException {
  public WalrusException(String message) {
    super(message);
  }

  public WalrusException(String message, Throwable cause) {
    super(message, cause);
  }
}
