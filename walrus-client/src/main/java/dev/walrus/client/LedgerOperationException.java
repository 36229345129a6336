package dev.walrus.client;

import dev.walrus.ledger.api.TransactionEffects;

/**
 * A ledger transaction the SDK submitted was ordered but did not succeed: aborted by a rule (not
 * enough WAL, an expired or foreign object, …) or rejected. {@link #effects()} carries the
 * ledger's verdict, including the abort's module and code.
 */
public final class LedgerOperationException extends WalrusClientException {
  private final transient TransactionEffects effects;

  public LedgerOperationException(String operation, TransactionEffects effects) {
    super(operation + " failed: " + describe(effects));
    this.effects = effects;
  }

  public TransactionEffects effects() {
    return effects;
  }

  private static String describe(TransactionEffects e) {
    if (e.abort() != null) {
      return e.status() + " in " + e.abort().module() + " (code " + e.abort().code() + "): " + e.abort().message();
    }
    return e.status() + (e.rejection() != null ? ": " + e.rejection() : "");
  }
}
