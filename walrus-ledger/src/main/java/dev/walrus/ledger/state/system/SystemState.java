package dev.walrus.ledger.state.system;

/**
 * The scalar fields of Walrus's {@code SystemStateInnerV1} (ledger.md §9.1): prices in FROST per
 * MiB ({@code storagePrice} per epoch, {@code writePrice} once per registration) and capacities
 * in bytes. One small record, so a price or capacity change rewrites one table entry; the
 * future-accounting ring lives in its own table ({@link FutureAccountingRing}).
 *
 * <p>State values are BCS u64s below 2^63 (the ledger's {@code long} range). Move's u64::MAX,
 * which prices and capacity votes take for an empty committee, is stored as {@link
 * Long#MAX_VALUE}: no payment or reservation can reach either.
 */
public record SystemState(long storagePrice, long writePrice, long totalCapacity, long usedCapacity) {

  /** Genesis: no capacity, prices 0 until the first committee votes. */
  public static final SystemState GENESIS = new SystemState(0, 0, 0, 0);

  /** A u64 given as a {@code long} ({@code -1} for u64::MAX), saturated to what the state holds. */
  static long saturate(long u64) {
    return u64 < 0 ? Long.MAX_VALUE : u64;
  }

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
