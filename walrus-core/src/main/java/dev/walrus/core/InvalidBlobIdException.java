package dev.walrus.core;

/** A blob ID that is not 32 bytes or not in its canonical text form. */
public final class InvalidBlobIdException extends WalrusException {
  public InvalidBlobIdException(String message) {
    super(message);
  }
}
