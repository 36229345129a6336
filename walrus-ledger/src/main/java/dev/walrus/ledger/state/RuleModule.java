package dev.walrus.ledger.state;

import dev.walrus.ledger.api.Operation;
import java.util.List;
import java.util.Set;

/** The rules for a group of operations. Exactly one module handles each operation type. */
public interface RuleModule {

  /** The operation types this module executes. */
  Set<Class<? extends Operation>> operations();

  /** Executes {@code operation}; throws {@link Abort} to fail (everything is then rolled back). */
  void execute(TxContext ctx, Operation operation);

  /**
   * Called with a block's correctly signed operations before any of them executes, to do
   * expensive pure work (signature checks) in parallel and in bulk; {@code attested} are the
   * certificate signatures the block's proposer already verified ({@link ProposerChecks}). It
   * must not change the state, and execution must give the same result whether or not it ran.
   */
  default void prepareBlock(List<Operation> operations, Set<VerifiedSignature> attested) {}
}
