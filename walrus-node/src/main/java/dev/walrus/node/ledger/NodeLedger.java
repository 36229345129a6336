package dev.walrus.node.ledger;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own ledger transactions, signed with its wallet: {@code epoch_sync_done} and blob
 * invalidation. Transactions from one wallet are sent one at a time so sequence numbers never
 * collide.
 */
public final class NodeLedger {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLedger.class);
  /** The ledger's abort for a challenge operation on a network that runs no challenges. */
  private static final String CHALLENGE_MODULE = "challenge";
  private static final int CHALLENGES_DISABLED = 12;

  private final LedgerClient ledger;
  private final Ed25519KeyPair wallet;
  private volatile ObjectId nodeCap;

  public NodeLedger(LedgerClient ledger, Ed25519KeyPair wallet) {
    this.ledger = ledger;
    this.wallet = wallet;
  }

  public LedgerClient client() {
    return ledger;
  }

  /** The StorageNodeCap the wallet owns, found once (empty before the node registered). */
  public Optional<ObjectId> nodeCap() {
    ObjectId cap = nodeCap;
    if (cap == null) {
      cap = ledger.account(wallet.publicKey().toAddress()).objects().stream()
          .filter(o -> o.type().equals("StorageNodeCap"))
          .map(ObjectView::id)
          .findFirst().orElse(null);
      nodeCap = cap;
    }
    return Optional.ofNullable(cap);
  }

  /**
   * Signs {@code operation} as the wallet's next transaction without sending it: a transaction that
   * must run at most once is sent again as the same signed bytes after an unclear failure, so the
   * ledger runs it once whatever happened to the first try (one sequence number, one execution).
   */
  public synchronized SignedTransaction sign(Operation operation) {
    return ledger.sign(wallet, operation);
  }

  /** Sends a transaction from {@link #sign} (again, after an unclear failure). */
  public synchronized TransactionEffects submit(SignedTransaction transaction) {
    TransactionEffects effects = ledger.submit(transaction);
    if (!effects.succeeded()) {
      LOG.warn("ledger transaction {} did not succeed: {}",
          transaction.transaction().operation().getClass().getSimpleName(), effects);
    }
    return effects;
  }

  public synchronized TransactionEffects execute(Operation operation) {
    TransactionEffects effects = ledger.execute(wallet, operation);
    if (!effects.succeeded()) {
      LOG.warn("ledger transaction {} did not succeed: {}", operation.getClass().getSimpleName(), effects);
    }
    return effects;
  }

  /**
   * Signals that this node holds every shard it gained in {@code epoch}. {@code recovered} are the
   * gained shards it had to rebuild from the committee because their previous owner did not hand
   * them over: those go in {@code epoch_sync_done_v2} (spec/challenges.md §8.5), so the ledger can
   * charge a culpable sender and this node the receiver's smaller penalty, as the spec asks of an
   * honest node. A network without challenges has no v2; there the plain signal is sent.
   */
  public boolean epochSyncDone(int epoch, List<Integer> recovered) {
    Optional<ObjectId> cap = nodeCap();
    if (cap.isEmpty()) {
      LOG.warn("cannot signal epoch_sync_done for epoch {}: the wallet owns no StorageNodeCap", epoch);
      return false;
    }
    if (!recovered.isEmpty()) {
      TransactionEffects v2 = execute(new Operation.EpochSyncDoneV2(cap.get(), epoch, List.copyOf(recovered)));
      if (v2.succeeded()) {
        LOG.info("sent epoch_sync_done_v2 for epoch {}: shards {} rebuilt from the committee", epoch, recovered);
        return true;
      }
      boolean noChallenges = v2.abort() != null && CHALLENGE_MODULE.equals(v2.abort().module())
          && v2.abort().code() == CHALLENGES_DISABLED;
      if (!noChallenges) {
        // The ledger disagrees about which shards were gained: still tell it the shards are here.
        LOG.warn("epoch_sync_done_v2 for epoch {} with rebuilt shards {} was refused; sending the plain signal",
            epoch, recovered);
      }
    }
    return execute(new Operation.EpochSyncDone(cap.get(), epoch)).succeeded();
  }
}
