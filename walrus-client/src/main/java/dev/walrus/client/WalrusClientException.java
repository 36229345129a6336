package dev.walrus.client;

import dev.walrus.core.WalrusException;

/**
 * Base of the errors the SDK itself reports. Errors of the layers below pass through unchanged
 * where they already say what went wrong: {@code LedgerClientException} when the ledger cannot be
 * reached, {@code InconsistentBlobException} when a blob decodes but fails its consistency check.
 */
public class WalrusClientException extends WalrusException {
  public WalrusClientException(String message) {
    super(message);
  }

  public WalrusClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
