package dev.walrus.ledger.state.system;

/**
 * One epoch's entry of the future-accounting ring (ledger.md §2.4): the bytes reserved for that
 * epoch and the FROST waiting to be paid out as its rewards (storage payments, write fees,
 * subsidies, transaction fees and the previous epoch's leftover).
 */
public record FutureAccounting(int epoch, long usedCapacity, long rewards) {

  /** The entry a fresh slot holds for {@code epoch}. */
  static FutureAccounting empty(int epoch) {
    return new FutureAccounting(epoch, 0, 0);
  }

  FutureAccounting withUsedCapacity(long used) {
    return new FutureAccounting(epoch, used, rewards);
  }

  FutureAccounting withRewards(long value) {
    return new FutureAccounting(epoch, usedCapacity, value);
  }
}
