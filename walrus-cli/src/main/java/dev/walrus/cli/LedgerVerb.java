package dev.walrus.cli;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.util.HexFormat;
import picocli.CommandLine.Mixin;

/**
 * A verb that talks to the ledger: connection options, and one way to run a transaction and turn
 * an aborted or rejected one into a one-line error naming the broken rule.
 */
abstract class LedgerVerb extends Verb {
  @Mixin LedgerOptions ledger;

  /** Signs {@code op} with the wallet, submits it and returns its effects if it succeeded. */
  protected TransactionEffects execute(LedgerClient client, Ed25519KeyPair key, Operation op) {
    TransactionEffects e = client.execute(key, op);
    return switch (e.status()) {
      case SUCCESS -> e;
      case ABORTED -> throw new CliException("the ledger aborted the transaction (" + e.abort().module() + "::"
          + e.abort().code() + "): " + e.abort().message() + "; only the fee was charged");
      case REJECTED -> throw new CliException("the ledger rejected the transaction: " + e.rejection());
    };
  }

  /** The transaction and block, for people. */
  protected static String where(TransactionEffects e) {
    return "transaction " + HexFormat.of().formatHex(e.digest()) + " at height " + e.height();
  }

  /** Prints the effects as JSON, or {@code text} with the success marker. */
  protected void report(TransactionEffects e, String text) {
    if (json()) {
      Json.print(out(), e);
    } else {
      out().println(terminal().success() + " " + text + " (" + where(e) + ")");
    }
  }
}
