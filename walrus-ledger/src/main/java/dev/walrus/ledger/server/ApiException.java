package dev.walrus.ledger.server;

import dev.walrus.ledger.api.ErrorResponse;
import java.util.Map;

/** An error answer of the API: HTTP code, AIP-193 status, machine-readable reason, message. */
public final class ApiException extends RuntimeException {
  private final int httpCode;
  private final String status;
  private final String reason;
  private final Map<String, String> metadata;

  public ApiException(int httpCode, String status, String reason, String message, Map<String, String> metadata) {
    super(message, null, false, false);
    this.httpCode = httpCode;
    this.status = status;
    this.reason = reason;
    this.metadata = metadata;
  }

  public ApiException(int httpCode, String status, String reason, String message) {
    this(httpCode, status, reason, message, Map.of());
  }

  public static ApiException invalid(String reason, String message) {
    return new ApiException(400, "INVALID_ARGUMENT", reason, message);
  }

  public static ApiException notFound(String reason, String message) {
    return new ApiException(404, "NOT_FOUND", reason, message);
  }

  public int httpCode() {
    return httpCode;
  }

  public ErrorResponse toResponse() {
    return ErrorResponse.of(httpCode, status, reason, getMessage(), metadata);
  }
}
