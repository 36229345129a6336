package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.ErrorResponse;

/**
 * A submitted transaction whose effects cannot be reported: why, and whether it might still be
 * executed. {@code leaderError} carries the leader's own answer when it refused a forwarded one.
 */
public final class SubmissionException extends RuntimeException {

  /** The kinds of failure, with the HTTP status and AIP-193 status the API reports them with. */
  public enum Kind {
    /** No leader was known during the whole wait: the group has no quorum. Not executed. */
    NO_LEADER(503, "UNAVAILABLE"),
    /** A forwarded transaction reached a replica that is not the leader (any more). */
    NOT_LEADER(503, "UNAVAILABLE"),
    /** Accepted by a leader but not committed in time; it may still be executed later. */
    NOT_COMMITTED(504, "DEADLINE_EXCEEDED"),
    /** Too many transactions are waiting. Not executed. */
    OVERLOADED(429, "RESOURCE_EXHAUSTED"),
    /** The leader refused the transaction; {@link #leaderError()} says why. */
    REFUSED(0, null);

    public final int httpCode;
    public final String status;

    Kind(int httpCode, String status) {
      this.httpCode = httpCode;
      this.status = status;
    }
  }

  private final Kind kind;
  private final ErrorResponse leaderError;

  public SubmissionException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.leaderError = null;
  }

  public SubmissionException(ErrorResponse leaderError) {
    super(leaderError.error().message(), null, false, false);
    this.kind = Kind.REFUSED;
    this.leaderError = leaderError;
  }

  public Kind kind() {
    return kind;
  }

  public ErrorResponse leaderError() {
    return leaderError;
  }
}
