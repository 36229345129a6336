package dev.walrus.ledger.state;

/**
 * A transaction broke a rule: the Move {@code abort}. Thrown anywhere during execution; the
 * executor rolls back everything the operation did. {@code module} and {@code code} are those of
 * ledger.md §9.3 so failures can be cross-checked against Walrus's contracts.
 */
public final class Abort extends RuntimeException {
  private final String module;
  private final int code;

  public Abort(String module, int code, String message) {
    super(message, null, false, false);
    this.module = module;
    this.code = code;
  }

  public String module() {
    return module;
  }

  public int code() {
    return code;
  }

  /** Aborts with {@code module}/{@code code} unless {@code condition} holds. */
  public static void check(boolean condition, String module, int code, String message) {
    if (!condition) {
      throw new Abort(module, code, message);
    }
  }

  @Override
  public String toString() {
    return module + "::" + code + ": " + getMessage();
  }
}
