package dev.walrus.node.store;

import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.TablePropertiesCollectorFactory;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The native RocksDB option objects of one store, tuned for a node that holds {@code 2 × shards}
 * column families of large random values on a small machine. They live as long as the database
 * and are closed with it.
 *
 * <ul>
 *   <li>One LRU block cache and one {@link WriteBufferManager} for all column families: memory is
 *       bounded by {@link StoreOptions}, not multiplied by the number of shards. Memtables are
 *       charged to the cache, which is sized block cache + memtable budget.
 *   <li>Index and filter blocks live in the block cache (not pinned per table file), so hundreds of
 *       column families do not each hold their index in memory forever.
 *   <li>Small per-CF write buffers (8 MiB slivers, 4 MiB metadata, 2 MiB tables) and 64 KiB
 *       memtable arena blocks: by default a memtable grabs write buffer / 8 = 1 MiB as soon as it is
 *       written to, so a write touching 500 shards charged 500 MiB to the shared budget and every
 *       commit forced a flush (and, at reopen, a flush of every column family per WAL file).
 *   <li>Sliver bytes are not in RocksDB at all ({@link SliverSegments}): sliver column families
 *       hold 24-byte locators and slivers below 256 bytes, so the WAL and the memtables carry
 *       mostly metadata. The total WAL size is bounded by the memtable budget: beyond it the
 *       column families still holding the oldest WAL file are flushed so the file can go. (Before
 *       segments, WAL files of four budgets per node held more than the slivers of a small node.)
 *   <li>The memtable budget is shared, so with {@code k} shards being written each flush is about
 *       budget / 2k: a node with many shards wants a larger {@link StoreOptions#writeBufferBytes()}.
 *   <li>Slivers and metadata are random bytes (symbols, hashes): no compression, no CPU spent.
 *       Metadata (64 bytes per shard: 64 KiB at n = 1000) goes to blob files (key-value
 *       separation), so compaction moves keys, not the values; blob garbage collection with
 *       Walrus's cut-off and force threshold (0.5) reclaims the files of deleted metadata.
 *       Sliver values of at least {@value #MIN_BLOB_BYTES} bytes, written before segments
 *       existed, stay readable from blob files.
 *   <li>Files with many deletions (a garbage-collection pass deletes whole epochs of blobs) are
 *       compacted soon, so tombstones do not linger in idle column families.
 *   <li>The node's own small tables compress well: LZ4.
 *   <li>Bloom filters on sliver and metadata column families: most reads are point lookups, and
 *       "do I have this sliver" is often "no" during recovery.
 *   <li>Opening replays the WAL into memtables without flushing every column family it touched:
 *       with hundreds of shards that flush took tens of seconds.
 *   <li>No periodic statistics dumps: with a thousand column families they cost real CPU.
 *   <li>Two background jobs and 512 open files: the machines have two cores, and a file handle per
 *       table file of every shard would otherwise grow without bound.
 * </ul>
 */
final class RocksSettings implements AutoCloseable {
  static final long MIN_BLOB_BYTES = 64 << 10;
  static final long METADATA_MIN_BLOB_BYTES = 4 << 10;
  private static final int MAX_OPEN_FILES = 512;
  private static final long ARENA_BLOCK_BYTES = 64 << 10;
  private static final int BACKGROUND_JOBS = 2;

  final LRUCache cache;
  final WriteBufferManager writeBufferManager;
  final BloomFilter bloomFilter;
  /** Marks a table file for compaction when 128 of any 1024 consecutive entries are deletions. */
  final TablePropertiesCollectorFactory compactOnDeletion =
      TablePropertiesCollectorFactory.NewCompactOnDeletionCollectorFactory(1024, 128, 0.0);
  final DBOptions dbOptions;
  final ColumnFamilyOptions sliverColumns;
  final ColumnFamilyOptions metadataColumns;
  final ColumnFamilyOptions tableColumns;
  final WriteOptions writeOptions;
  /** Shard scans stream data once: do not evict hot blocks for them. */
  final ReadOptions scanOptions;

  static {
    RocksDB.loadLibrary();
  }

  RocksSettings(StoreOptions options) {
    cache = new LRUCache(options.blockCacheBytes() + options.writeBufferBytes());
    writeBufferManager = new WriteBufferManager(options.writeBufferBytes(), cache);
    bloomFilter = new BloomFilter(10);
    dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setWriteBufferManager(writeBufferManager)
        .setMaxTotalWalSize(options.writeBufferBytes())
        .setMaxBackgroundJobs(BACKGROUND_JOBS)
        .setMaxOpenFiles(MAX_OPEN_FILES)
        .setBytesPerSync(1 << 20)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setMaxLogFileSize(8 << 20)
        .setKeepLogFileNum(3)
        .setAvoidFlushDuringRecovery(true)
        .setStatsDumpPeriodSec(0)
        .setStatsPersistPeriodSec(0);
    sliverColumns = collectingDeletions()
        .setArenaBlockSize(ARENA_BLOCK_BYTES)
        .setTableFormatConfig(tableConfig(true))
        .setWriteBufferSize(8 << 20)
        .setMaxWriteBufferNumber(2)
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setEnableBlobFiles(true)
        .setMinBlobSize(MIN_BLOB_BYTES)
        .setBlobFileSize(128L << 20)
        .setBlobCompressionType(CompressionType.NO_COMPRESSION)
        .setEnableBlobGarbageCollection(true);
    metadataColumns = collectingDeletions()
        .setArenaBlockSize(ARENA_BLOCK_BYTES)
        .setTableFormatConfig(tableConfig(true))
        .setWriteBufferSize(4 << 20)
        .setMaxWriteBufferNumber(2)
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setEnableBlobFiles(true)
        .setMinBlobSize(METADATA_MIN_BLOB_BYTES)
        .setBlobFileSize(64L << 20)
        .setBlobCompressionType(CompressionType.NO_COMPRESSION)
        .setEnableBlobGarbageCollection(true)
        .setBlobGarbageCollectionAgeCutoff(0.5)
        .setBlobGarbageCollectionForceThreshold(0.5);
    tableColumns = new ColumnFamilyOptions()
        .setArenaBlockSize(ARENA_BLOCK_BYTES)
        .setTableFormatConfig(tableConfig(false))
        .setWriteBufferSize(2 << 20)
        .setMaxWriteBufferNumber(2)
        .setCompressionType(CompressionType.LZ4_COMPRESSION);
    writeOptions = new WriteOptions().setSync(options.syncWrites());
    scanOptions = new ReadOptions().setFillCache(false);
  }

  /** Column family options with {@link #compactOnDeletion}, which RocksJava only sets on {@link Options}. */
  private ColumnFamilyOptions collectingDeletions() {
    try (Options options = new Options()) {
      options.setTablePropertiesCollectorFactory(List.of(compactOnDeletion));
      return new ColumnFamilyOptions(options);
    }
  }

  private BlockBasedTableConfig tableConfig(boolean bloom) {
    BlockBasedTableConfig config = new BlockBasedTableConfig()
        .setBlockCache(cache)
        .setCacheIndexAndFilterBlocks(true)
        .setCacheIndexAndFilterBlocksWithHighPriority(true)
        .setPinL0FilterAndIndexBlocksInCache(true)
        .setBlockSize(16 << 10);
    if (bloom) {
      config.setFilterPolicy(bloomFilter);
    }
    return config;
  }

  @Override
  public void close() {
    scanOptions.close();
    writeOptions.close();
    tableColumns.close();
    metadataColumns.close();
    sliverColumns.close();
    dbOptions.close();
    bloomFilter.close();
    compactOnDeletion.close();
    writeBufferManager.close();
    cache.close();
  }
}
