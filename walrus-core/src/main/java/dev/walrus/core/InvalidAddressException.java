package dev.walrus.core;

/** An account address that is not 32 bytes or not {@code 0x} followed by 64 hex digits. */
public final class InvalidAddressException extends WalrusException {
  public InvalidAddressException(String message) {
    super(message);
  }
}
