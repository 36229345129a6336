package dev.walrus.ledger.state;

import dev.walrus.ledger.api.Operation;
import java.util.Set;

/** The rules for a group of operations. Exactly one module handles each operation type. */
public interface RuleModule {

  /** The operation types this module executes. */
  Set<Class<? extends Operation>> operations();

  /** Executes {@code operation}; throws {@link Abort} to fail (everything is then rolled back). */
  void execute(TxContext ctx, Operation operation);
}
