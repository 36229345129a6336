package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;

/** Key of the per-epoch, per-node challenge tables; epoch first, so one epoch's rows are adjacent. */
public record EpochKey(int epoch, ObjectId nodeId) implements Comparable<EpochKey> {
  static final ObjectId LOWEST = ObjectId.of(new byte[ObjectId.LENGTH]);

  static EpochKey first(int epoch) {
    return new EpochKey(epoch, LOWEST);
  }

  @Override
  public int compareTo(EpochKey o) {
    int c = Integer.compare(epoch, o.epoch);
    return c != 0 ? c : nodeId.compareTo(o.nodeId);
  }
}
