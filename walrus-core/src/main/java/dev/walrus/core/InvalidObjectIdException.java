package dev.walrus.core;

/** An object ID that is not 32 bytes or not {@code 0x} followed by 64 hex digits. */
public final class InvalidObjectIdException extends WalrusException {
  public InvalidObjectIdException(String message) {
    super(message);
  }
}
