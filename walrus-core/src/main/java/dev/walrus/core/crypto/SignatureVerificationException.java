package dev.walrus.core.crypto;

/**
 * A well-formed signature that does not verify under the expected key and message. Used where an
 * API returns the verified content rather than a boolean (e.g. {@code SignedMessage.verify}).
 */
public final class SignatureVerificationException extends CryptoException {
  public SignatureVerificationException(String message) {
    super(message);
  }
}
