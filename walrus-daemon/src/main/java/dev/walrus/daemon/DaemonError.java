package dev.walrus.daemon;

import dev.walrus.node.api.ApiError;
import java.util.Map;

/**
 * A request the daemon answers with an error: an AIP-193 JSON error (protocol.md §7) with
 * Walrus's reason and status, or — where Walrus answers in plain text (load shedding, an empty
 * concat list) — a plain-text body.
 */
final class DaemonError extends RuntimeException {
  static final String DOMAIN = "daemon.walrus.space";
  static final String AUTH_DOMAIN = "auth.publisher.walrus.space";

  private final transient ApiError error;
  private final int plainStatus;

  private DaemonError(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
    this.plainStatus = 0;
  }

  private DaemonError(int status, String text) {
    super(text, null, false, false);
    this.error = null;
    this.plainStatus = status;
  }

  static DaemonError of(int code, String status, String reason, String message) {
    return new DaemonError(new ApiError(code, status, message, reason, DOMAIN, Map.of()));
  }

  static DaemonError auth(int code, String status, String reason, String message) {
    return new DaemonError(new ApiError(code, status, message, reason, AUTH_DOMAIN, Map.of()));
  }

  /** A plain-text answer, as Walrus gives for overload and a few malformed requests. */
  static DaemonError plain(int status, String text) {
    return new DaemonError(status, text);
  }

  static DaemonError invalidArgument(String reason, String message) {
    return of(400, "INVALID_ARGUMENT", reason, message);
  }

  static DaemonError blobNotFound() {
    return of(404, "NOT_FOUND", "BLOB_NOT_FOUND",
        "the requested blob ID does not exist on Walrus, ensure that it was entered correctly");
  }

  static DaemonError blobUnavailable() {
    return of(503, "UNAVAILABLE", "BLOB_UNAVAILABLE",
        "the requested blob is currently not retrievable from Walrus; this may be transient — retry with backoff");
  }

  static DaemonError quiltPatchNotFound(String detail) {
    return of(404, "NOT_FOUND", "QUILT_PATCH_NOT_FOUND", "the requested quilt patch does not exist on Walrus: " + detail);
  }

  /** A store request Walrus cannot make sense of: a bad multipart form, or files that form no quilt. */
  static DaemonError malformedRequest(String message) {
    return invalidArgument("MALFORMED_REQUEST", "the request is malformed: " + message);
  }

  static DaemonError forbiddenBlob() {
    return of(451, "UNAVAILABLE_FOR_LEGAL_REASONS", "FORBIDDEN_BLOB", "the requested blob is blocked");
  }

  static DaemonError blobTooLarge(long maxSize) {
    return of(403, "SIZE_EXCEEDED", "BLOB_TOO_LARGE", "the blob size exceeds the maximum allowed size: " + maxSize);
  }

  static DaemonError invalidByteRange(int code, String message) {
    return of(code, code == 416 ? "RANGE_NOT_SATISFIABLE" : "INVALID_ARGUMENT", "INVALID_BYTE_RANGE",
        "invalid byte range parameters: " + message);
  }

  static DaemonError internal(String message) {
    return new DaemonError(ApiError.internal(message));
  }

  /** The JSON error, or {@code null} for a plain-text answer. */
  ApiError error() {
    return error;
  }

  int status() {
    return error != null ? error.code() : plainStatus;
  }
}
