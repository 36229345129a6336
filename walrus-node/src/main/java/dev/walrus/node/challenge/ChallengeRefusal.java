package dev.walrus.node.challenge;

import dev.walrus.node.api.ApiError;
import dev.walrus.node.service.NodeApiException;
import java.util.Optional;

/**
 * The errors of the challenge endpoint (spec/challenges.md §6.4) and of blacked-out reads, in the
 * API's error format. Those worth retrying carry {@value #RETRY_AFTER} seconds in their metadata,
 * which the server also sends as a {@code Retry-After} header.
 */
public final class ChallengeRefusal {
  public static final String RETRY_AFTER = "retryAfterSeconds";

  private ChallengeRefusal() {}

  /** The {@code Retry-After} seconds an error carries, if any. */
  public static Optional<String> retryAfter(ApiError error) {
    return Optional.ofNullable(error.metadata().get(RETRY_AFTER));
  }

  static NodeApiException malformed(String message) {
    return of(400, "INVALID_ARGUMENT", "MALFORMED", message);
  }

  static NodeApiException forbidden(String reason, String message) {
    return of(403, "PERMISSION_DENIED", reason, message);
  }

  static NodeApiException seedMismatch(String message) {
    return of(409, "ABORTED", "SEED_MISMATCH", message);
  }

  static NodeApiException windowClosed(String message) {
    return of(410, "FAILED_PRECONDITION", "WINDOW_CLOSED", message);
  }

  static NodeApiException seedNotSeen(String message) {
    return new NodeApiException(ApiError.of(425, "UNAVAILABLE", "SEED_NOT_SEEN", message).with(RETRY_AFTER, 1));
  }

  static NodeApiException busy(String message) {
    return new NodeApiException(
        ApiError.of(429, "RESOURCE_EXHAUSTED", "CHALLENGE_SESSION_LIVE", message).with(RETRY_AFTER, 1));
  }

  /** 503 for a read of a blob in its challenge blackout, until {@code untilMs}. */
  public static NodeApiException blackout(String blob, long untilMs, long nowMs) {
    long seconds = Math.max(1, (untilMs - nowMs + 999) / 1000);
    return new NodeApiException(ApiError.of(503, "UNAVAILABLE", "CHALLENGE_BLACKOUT",
        "blob " + blob + " is being challenged; it is served again in " + seconds + " s").with(RETRY_AFTER, seconds));
  }

  private static NodeApiException of(int code, String status, String reason, String message) {
    return new NodeApiException(ApiError.of(code, status, reason, message));
  }
}
