package dev.walrus.explorer;

/**
 * A request the explorer cannot answer with its page, with the status and the sentence the error
 * page shows: a malformed ID (400), an unknown object (404), the ledger down (503). The message is
 * for people and is escaped like everything else.
 */
final class ExplorerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  ExplorerException(int status, String title, String message) {
    super(message);
    this.status = status;
    this.title = title;
  }

  ExplorerException(int status, String title, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.title = title;
  }

  static ExplorerException badRequest(String message) {
    return new ExplorerException(400, "Bad request", message);
  }

  static ExplorerException notFound(String message) {
    return new ExplorerException(404, "Not found", message);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }
}
