package dev.walrus.node.store;

/**
 * How a {@link NodeStore} trades durability and memory.
 *
 * @param syncWrites fsync the write-ahead log before a commit returns. Off by default: a commit
 *     that returned survives a process crash (the WAL record is in the OS page cache), but not a
 *     power loss or kernel crash; on a node that signs storage confirmations after writing, turning
 *     it on makes those confirmations survive power loss at the cost of an fsync per batch.
 * @param blockCacheBytes the one LRU block cache shared by every column family (index, filter and
 *     data blocks), so that memory does not grow with the number of shards
 * @param writeBufferBytes the total memtable budget shared by every column family; when it is
 *     reached the largest memtables are flushed, so hundreds of idle shard column families do not
 *     each keep a full memtable
 * @param segmentBytes the size at which a shard's sliver segment file is closed and the next one
 *     started: larger files mean fewer files, smaller ones finer-grained space reclamation
 */
public record StoreOptions(boolean syncWrites, long blockCacheBytes, long writeBufferBytes, long segmentBytes) {
  public static final long DEFAULT_BLOCK_CACHE_BYTES = 128L << 20;
  public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;
  public static final long DEFAULT_SEGMENT_BYTES = SliverSegments.DEFAULT_SEGMENT_BYTES;

  /** Options with the default segment size. */
  public StoreOptions(boolean syncWrites, long blockCacheBytes, long writeBufferBytes) {
    this(syncWrites, blockCacheBytes, writeBufferBytes, DEFAULT_SEGMENT_BYTES);
  }

  public StoreOptions {
    if (segmentBytes < (64 << 10)) {
      throw new IllegalArgumentException("segments must be at least 64 KiB, got " + segmentBytes);
    }
    if (blockCacheBytes < (1 << 20)) {
      throw new IllegalArgumentException("block cache must be at least 1 MiB, got " + blockCacheBytes);
    }
    if (writeBufferBytes < (4 << 20)) {
      throw new IllegalArgumentException("write buffer budget must be at least 4 MiB, got " + writeBufferBytes);
    }
  }

  /** No fsync per commit, a 128 MiB block cache and a 64 MiB memtable budget. */
  public static StoreOptions defaults() {
    return new StoreOptions(false, DEFAULT_BLOCK_CACHE_BYTES, DEFAULT_WRITE_BUFFER_BYTES);
  }

  public StoreOptions withSyncWrites(boolean sync) {
    return new StoreOptions(sync, blockCacheBytes, writeBufferBytes, segmentBytes);
  }

  public StoreOptions withSegmentBytes(long bytes) {
    return new StoreOptions(syncWrites, blockCacheBytes, writeBufferBytes, bytes);
  }
}
