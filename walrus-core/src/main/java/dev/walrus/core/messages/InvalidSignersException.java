package dev.walrus.core.messages;

import dev.walrus.core.WalrusException;

/**
 * A signer set that does not fit the committee: an index at or beyond the member count, or a
 * signers bitmap that is too long or has bits set beyond the last member (on chain: {@code
 * EInvalidBitmap}).
 */
public final class InvalidSignersException extends WalrusException {
  public InvalidSignersException(String message) {
    super(message);
  }
}
