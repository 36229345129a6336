package dev.walrus.ledger.server;

import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.replication.EventLog;
import dev.walrus.ledger.replication.Submitted;
import dev.walrus.ledger.state.LedgerState;
import java.util.Optional;
import java.util.function.Function;

/** What the HTTP API needs of a replica; kept narrow so the API does not see Raft. */
public interface LedgerBackend {

  String replicaId();

  Optional<String> leaderId();

  /** {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, … */
  String role();

  long lastAppliedIndex();

  GenesisConfig genesis();

  /** The network identity (genesis digest). */
  byte[] network();

  /** Reads the state consistently (no block is applied meanwhile). */
  <T> T read(Function<LedgerState, T> reader);

  /** The event log (a new instance after a snapshot was installed). */
  EventLog events();

  /**
   * Gets the transaction executed and returns its effects; throws {@link
   * dev.walrus.ledger.replication.SubmissionException}.
   */
  Submitted submit(SignedTransaction tx, byte[] bcs, long timeoutMs, boolean forwarded);

  /** Effects of a recently executed transaction, if remembered. */
  Optional<TransactionEffects> recentTransaction(byte[] digest);
}
