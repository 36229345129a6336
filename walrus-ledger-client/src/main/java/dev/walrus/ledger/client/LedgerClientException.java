package dev.walrus.ledger.client;

import dev.walrus.core.WalrusException;
import dev.walrus.ledger.api.ErrorResponse;

/**
 * A ledger request that failed: the API's typed error ({@code httpCode}, AIP-193 {@code status}
 * and {@code reason}), or {@code UNAVAILABLE} when no replica could be reached.
 */
public final class LedgerClientException extends WalrusException {
  private final int httpCode;
  private final String status;
  private final String reason;

  public LedgerClientException(int httpCode, String status, String reason, String message) {
    super(message);
    this.httpCode = httpCode;
    this.status = status;
    this.reason = reason;
  }

  public LedgerClientException(int httpCode, String status, String reason, String message, Throwable cause) {
    super(message, cause);
    this.httpCode = httpCode;
    this.status = status;
    this.reason = reason;
  }

  static LedgerClientException of(ErrorResponse e) {
    return new LedgerClientException(e.error().code(), e.error().status(), e.reason(), e.error().message());
  }

  /** The HTTP status code; 0 when no replica answered. */
  public int httpCode() {
    return httpCode;
  }

  /** The AIP-193 status, e.g. {@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code UNAVAILABLE}. */
  public String status() {
    return status;
  }

  /** The machine-readable reason, e.g. {@code INVALID_SIGNATURE}, {@code OBJECT_NOT_FOUND}. */
  public String reason() {
    return reason;
  }
}
