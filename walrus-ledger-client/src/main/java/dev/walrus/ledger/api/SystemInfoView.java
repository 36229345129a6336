package dev.walrus.ledger.api;

/**
 * {@code GET /v1/system}: the network's parameters, grouped as Walrus's {@code walrus info --json}
 * groups them. Values the ledger does not track yet are absent (JSON {@code null}), not zero.
 */
public record SystemInfoView(
    String networkName,
    byte[] network,
    long height,
    long timeMs,
    EpochInfo epochInfo,
    StorageInfo storageInfo,
    SizeInfo sizeInfo,
    PriceInfo priceInfo,
    LedgerInfo ledgerInfo) {

  /**
   * @param epochState {@code EpochChangeDone}, {@code EpochChangeSync} or {@code NextParamsSelected}
   * @param epochStartMs when the last epoch change completed (ledger time); absent while the
   *     current one waits for its sync quorum
   * @param votingEndMs when the next committee will be selected, if still ahead
   * @param epochChangeMs when the next epoch will start, absent while waiting for sync quorum
   */
  public record EpochInfo(
      int currentEpoch,
      String epochState,
      Long epochStartMs,
      Long votingEndMs,
      Long epochChangeMs,
      long epochDurationMs,
      long epochZeroDurationMs,
      long genesisTimeMs,
      int maxEpochsAhead) {}

  /** {@code nNodes}: members of the current committee. Capacities in bytes. */
  public record StorageInfo(int nShards, int nNodes, Long totalCapacitySize, Long usedCapacitySize) {}

  /**
   * {@code storageUnitSize}: 1 MiB, the unit prices refer to; {@code maxBlobSize}: unencoded bytes
   * (absent when the shard count is too small for RS2).
   */
  public record SizeInfo(long storageUnitSize, Long maxBlobSize) {}

  /** FROST per storage unit: per epoch for storage, once per registration for writes. */
  public record PriceInfo(long storagePricePerUnitSize, long writePricePerUnitSize) {}

  /** What transactions cost and whether this network hands out WAL. */
  public record LedgerInfo(long transactionFee, boolean faucetEnabled, long faucetMaxPerRequest, long frostPerWal) {}
}
