package dev.walrus.cli;

import dev.walrus.core.WalrusException;

/** A failure the user can act on, reported as one {@code Error: <message>} line. */
public class CliException extends WalrusException {
  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
