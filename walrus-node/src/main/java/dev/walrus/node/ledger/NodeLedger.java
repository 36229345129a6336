package dev.walrus.node.ledger;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
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

  public synchronized TransactionEffects execute(Operation operation) {
    TransactionEffects effects = ledger.execute(wallet, operation);
    if (!effects.succeeded()) {
      LOG.warn("ledger transaction {} did not succeed: {}", operation.getClass().getSimpleName(), effects);
    }
    return effects;
  }

  /** Signals that this node holds every shard it gained in {@code epoch}. */
  public boolean epochSyncDone(int epoch) {
    Optional<ObjectId> cap = nodeCap();
    if (cap.isEmpty()) {
      LOG.warn("cannot signal epoch_sync_done for epoch {}: the wallet owns no StorageNodeCap", epoch);
      return false;
    }
    return execute(new Operation.EpochSyncDone(cap.get(), epoch)).succeeded();
  }
}
