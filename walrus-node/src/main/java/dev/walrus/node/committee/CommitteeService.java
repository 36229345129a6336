package dev.walrus.node.committee;

import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's view of the committees fresh. It is refreshed when the event follower sees an
 * epoch change and on a timer, so a node learns about a new epoch even while its event processing
 * lags behind.
 */
public final class CommitteeService {
  private static final Logger LOG = LoggerFactory.getLogger(CommitteeService.class);

  private final LedgerClient ledger;
  private final BlsPublicKey self;
  private final AtomicReference<Committees> current = new AtomicReference<>();

  public CommitteeService(LedgerClient ledger, BlsPublicKey self) {
    this.ledger = ledger;
    this.self = self;
  }

  /** The latest snapshot; {@link #refresh()} must have succeeded once. */
  public Committees get() {
    Committees c = current.get();
    if (c == null) {
      throw new IllegalStateException("the committee has not been loaded from the ledger yet");
    }
    return c;
  }

  public boolean loaded() {
    return current.get() != null;
  }

  /** Reloads both committees; returns the new snapshot (or the old one if the ledger is unreachable). */
  public Committees refresh() {
    try {
      CommitteeView now = ledger.committee();
      CommitteeView before = previous(now);
      Committees fresh = new Committees(now, before, self);
      Committees old = current.getAndSet(fresh);
      if (old == null || old.epoch() != fresh.epoch()) {
        LOG.info("committee of epoch {}: {} members, this node owns {} shards", fresh.epoch(),
            now.members().size(), fresh.ownShards().size());
      }
      return fresh;
    } catch (LedgerClientException e) {
      Committees old = current.get();
      if (old == null) {
        throw e;
      }
      LOG.warn("cannot refresh the committee: {}", e.getMessage());
      return old;
    }
  }

  private CommitteeView previous(CommitteeView now) {
    if (now.epoch() == 0) {
      return new CommitteeView(0, now.nShards(), List.of());
    }
    try {
      return ledger.previousCommittee();
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        return new CommitteeView(now.epoch() - 1, now.nShards(), List.of());
      }
      throw e;
    }
  }
}
