package dev.walrus.http;

/**
 * A request no endpoint takes. Each server turns it into its own API's error body (the AIP-193
 * shape with its own domain) using {@link #httpStatus()}, {@link #status()} and {@link #reason()},
 * so a wrong path or method reads the same on the node, the ledger and the daemon.
 */
public final class RouteMiss extends RuntimeException {
  /** Why no endpoint matched. */
  public enum Kind {
    NOT_FOUND(404, "NOT_FOUND", "UNKNOWN_PATH"),
    METHOD_NOT_ALLOWED(405, "INVALID_ARGUMENT", "METHOD_NOT_ALLOWED"),
    BAD_PATH(400, "INVALID_ARGUMENT", "INVALID_PATH");

    final int httpStatus;
    final String status;
    final String reason;

    Kind(int httpStatus, String status, String reason) {
      this.httpStatus = httpStatus;
      this.status = status;
      this.reason = reason;
    }
  }

  private final Kind kind;

  RouteMiss(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** 404, 405 or 400. */
  public int httpStatus() {
    return kind.httpStatus;
  }

  /** The AIP-193 status, e.g. {@code NOT_FOUND}. */
  public String status() {
    return kind.status;
  }

  /** The machine-readable reason, e.g. {@code UNKNOWN_PATH}. */
  public String reason() {
    return kind.reason;
  }
}
