package dev.walrus.core.crypto;

import dev.walrus.core.WalrusException;

/**
 * A key, signature or seed that cannot be used: wrong length, not a valid curve point, outside
 * the prime-order subgroup, the point at infinity, or a scalar out of range. Thrown on
 * construction, so a key or signature object that exists is always well-formed.
 */
public class CryptoException extends WalrusException {
  public CryptoException(String message) {
    super(message);
  }
}
