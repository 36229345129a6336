package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;

/**
 * Key of the exchange-rate table: a pool and an epoch. Ordered by pool, then epoch, so one
 * pool's history is contiguous and "the latest rate at or before epoch e" is a floor lookup.
 */
public record PoolEpoch(ObjectId nodeId, int epoch) implements Comparable<PoolEpoch> {
  @Override
  public int compareTo(PoolEpoch o) {
    int c = nodeId.compareTo(o.nodeId);
    return c != 0 ? c : Integer.compare(epoch, o.epoch);
  }
}
