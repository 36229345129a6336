package dev.walrus.ledger.state.system;

/**
 * The scalar fields of Walrus's {@code SystemStateInnerV1} (ledger.md §9.1): prices in FROST per
 * MiB ({@code storagePrice} per epoch, {@code writePrice} once per registration) and capacities
 * in bytes. One small record, so a price or capacity change rewrites one table entry; the
 * future-accounting ring lives in its own table ({@link FutureAccountingRing}).
 *
 * <p>Capacities are u64 values compared unsigned: a capacity vote of u64::MAX ({@code -1L}) means
 * "unlimited", as it does in Move.
 */
public record SystemState(long storagePrice, long writePrice, long totalCapacity, long usedCapacity) {

  /** Genesis: no capacity, prices 0 until the first committee votes. */
  public static final SystemState GENESIS = new SystemState(0, 0, 0, 0);

  SystemState withPrices(long storage, long write) {
    return new SystemState(storage, write, totalCapacity, usedCapacity);
  }

  SystemState withCapacity(long total, long used) {
    return new SystemState(storagePrice, writePrice, total, used);
  }

  SystemState withUsedCapacity(long used) {
    return new SystemState(storagePrice, writePrice, totalCapacity, used);
  }
}
