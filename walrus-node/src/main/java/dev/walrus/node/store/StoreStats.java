package dev.walrus.node.store;

import java.util.Map;

/**
 * Approximate figures from RocksDB's own estimates, for metrics and the operator: not exact
 * counts (deleted keys may still be counted until compaction).
 *
 * @param columnFamilies per column family name
 * @param bytesOnDisk the size of every file in the store's directory (tables, blob files, WAL)
 */
public record StoreStats(Map<String, ColumnFamilyStats> columnFamilies, long bytesOnDisk) {

  public StoreStats {
    columnFamilies = Map.copyOf(columnFamilies);
  }

  /**
   * @param estimatedKeys RocksDB's {@code estimate-num-keys}
   * @param liveDataBytes flushed live data: {@code estimate-live-data-size} plus live blob files
   * @param memtableBytes data not flushed yet
   */
  public record ColumnFamilyStats(long estimatedKeys, long liveDataBytes, long memtableBytes) {}

  public long totalEstimatedKeys() {
    return columnFamilies.values().stream().mapToLong(ColumnFamilyStats::estimatedKeys).sum();
  }

  public long totalLiveDataBytes() {
    return columnFamilies.values().stream().mapToLong(ColumnFamilyStats::liveDataBytes).sum();
  }
}
