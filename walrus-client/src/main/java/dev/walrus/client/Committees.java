package dev.walrus.client;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClient;
import java.time.Duration;

/**
 * The current committee, cached for a short while (Walrus caches system state for 10 s) so that
 * a burst of reads does not ask the ledger each time; refreshed on demand when a node's answer
 * suggests the epoch changed.
 */
final class Committees {
  private final LedgerClient ledger;
  private final long ttlNanos;
  private CommitteeView cached;
  private long fetchedAt;

  Committees(LedgerClient ledger, Duration ttl) {
    this.ledger = ledger;
    this.ttlNanos = ttl.toNanos();
  }

  synchronized CommitteeView current() {
    if (cached == null || System.nanoTime() - fetchedAt > ttlNanos) {
      return refresh();
    }
    return cached;
  }

  /** Reads the committee from the ledger now. */
  synchronized CommitteeView refresh() {
    CommitteeView c = ledger.committee();
    if (c.members().isEmpty()) {
      throw new WalrusClientException("the network has no committee yet (epoch " + c.epoch() + ")");
    }
    cached = c;
    fetchedAt = System.nanoTime();
    return c;
  }

  /** The previous epoch's committee: the read committee while an epoch change is in progress. */
  CommitteeView previous() {
    return ledger.previousCommittee();
  }
}
