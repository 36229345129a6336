package dev.walrus.node.client;

import dev.walrus.node.api.ApiError;
import java.util.Map;

/**
 * A storage-node request that did not succeed. Either the node answered with an error ({@link
 * #httpStatus()} is its HTTP status and {@link #error()} its parsed error, or a synthetic one
 * when the body was not the API's error JSON), or its answer was unusable ({@link
 * #isInvalidResponse()}: malformed or too large), or there was no answer at all ({@link
 * #isTransport()}: connection failure, timeout, interruption; status 0).
 */
public final class StorageNodeException extends RuntimeException {
  /** Synthetic reasons, for failures that are not an error the node reported. */
  public static final String CONNECTION_FAILED = "CONNECTION_FAILED";
  /** The TLS handshake failed: above all, the node's certificate does not carry its registered network key. */
  public static final String TLS_FAILED = "TLS_FAILED";
  public static final String TIMEOUT = "TIMEOUT";
  public static final String INTERRUPTED = "INTERRUPTED";
  public static final String INVALID_RESPONSE = "INVALID_RESPONSE";
  public static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";
  /** The reason given to a non-2xx answer whose body is not the error JSON. */
  public static final String UNEXPECTED_HTTP_STATUS = "UNEXPECTED_HTTP_STATUS";
  /** The domain of synthetic errors. */
  public static final String CLIENT_DOMAIN = "client.walrus.space";

  private final String node;
  private final int httpStatus;
  private final ApiError error;

  StorageNodeException(String node, int httpStatus, ApiError error, Throwable cause) {
    super(node + ": " + describe(httpStatus, error), cause);
    this.node = node;
    this.httpStatus = httpStatus;
    this.error = error;
  }

  /** The node's error response. */
  static StorageNodeException answered(String node, int httpStatus, ApiError error) {
    return new StorageNodeException(node, httpStatus, error, null);
  }

  /** No usable answer; {@code status} is the HTTP status class of the failure. */
  static StorageNodeException synthetic(
      String node, int httpStatus, String status, String reason, String message, Throwable cause) {
    ApiError error = new ApiError(httpStatus, status, message, reason, CLIENT_DOMAIN, Map.of());
    return new StorageNodeException(node, httpStatus, error, cause);
  }

  /** The node's {@code host:port}. */
  public String node() {
    return node;
  }

  /** The HTTP status of the node's answer; 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  public ApiError error() {
    return error;
  }

  /** The machine-readable reason, e.g. {@code NOT_REGISTERED}; may be {@code null}. */
  public String reason() {
    return error.reason();
  }

  /** Whether no answer arrived (connection failure, timeout, interruption). */
  public boolean isTransport() {
    return httpStatus == 0;
  }

  public boolean isTimeout() {
    return TIMEOUT.equals(error.reason()) && CLIENT_DOMAIN.equals(error.domain());
  }

  /** Whether the node answered but the answer was malformed or larger than allowed. */
  public boolean isInvalidResponse() {
    return CLIENT_DOMAIN.equals(error.domain())
        && (INVALID_RESPONSE.equals(error.reason()) || RESPONSE_TOO_LARGE.equals(error.reason()));
  }

  private static String describe(int httpStatus, ApiError error) {
    String prefix = httpStatus == 0 ? "" : "HTTP " + httpStatus + " ";
    return prefix + error.status() + (error.reason() != null ? "/" + error.reason() : "") + ": " + error.message();
  }
}
