package dev.walrus.node.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.SliverData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The storage node's RocksDB database (spec §5.7): blob metadata, one column family per shard and
 * axis holding slivers, and small tables for the node's own records, whose values it does not
 * interpret.
 *
 * <p>Thread safety: every method may be called from any number of threads. Reads and commits
 * share a read lock; {@link #createShard}, {@link #dropShard} and {@link #close} take it
 * exclusively, because RocksDB crashes the JVM when a dropped or closed handle is used. A read of a
 * shard dropped concurrently therefore sees either the old data or nothing, never a crash.
 *
 * <p>Shard creation and removal are ordered so that a crash in the middle can be finished at the
 * next open: a shard's primary column family is created before its secondary and dropped before
 * it, and its shard-state keys are deleted after both. A shard found with only its primary column
 * family was being created (the secondary is added); one found with only its secondary was being
 * dropped (the drop is finished); shard-state keys of a shard without column families are left
 * from a drop and are deleted.
 */
public final class NodeStore implements AutoCloseable {
  static final String METADATA = "metadata";
  /** The subdirectory of the store holding {@link SliverSegments}; RocksDB leaves directories alone. */
  static final String SEGMENTS = "segments";
  private static final String DEFAULT = "default";
  private static final byte[] NO_VALUE = new byte[0];
  private static final int PAGE_ENTRIES = 256;
  private static final int PAGE_BYTES = 4 << 20;

  /**
   * The node's own tables. Values are opaque to the store. {@link #SHARD_STATE} keys start with the
   * shard index as a big-endian u16 (see {@link #shardStateKey}): a shard's state lives and dies
   * with its column families, so create the shard before writing its state; {@link #dropShard}
   * deletes it, and {@link #open} deletes the state of shards that have no column families.
   */
  public enum Table {
    BLOB_INFO("aggregate_blob_info"),
    OBJECT_INFO("per_object_blob_info"),
    NODE_STATE("node_state"),
    PENDING_SYNC("pending_sync"),
    SHARD_STATE("shard_state"),
    GC("garbage_collector");

    private final String columnFamily;

    Table(String columnFamily) {
      this.columnFamily = columnFamily;
    }

    public String columnFamily() {
      return columnFamily;
    }
  }

  private final Path directory;
  private final RocksSettings settings;
  private final RocksDB db;
  private final ColumnFamilyHandle metadataColumns;
  private final Map<Table, ColumnFamilyHandle> tables;
  /** The default column family and any this version does not know, kept open as RocksDB requires. */
  private final Map<String, ColumnFamilyHandle> otherColumns;
  private final SortedMap<Integer, ShardColumns> shards;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /**
   * Taken shared by every commit and exclusively by {@link #replaceLocators}, so that moving a
   * sliver between segments cannot overwrite a write that raced it. Readers do not take it.
   */
  private final ReentrantReadWriteLock indexLock = new ReentrantReadWriteLock();
  /** Sliver bytes of at least {@link SliverSegments#INLINE_MAX_BYTES}; the column families hold locators. */
  private final SliverSegments segments;
  private volatile Consumer<LostSliver> lostSlivers = lost -> {};
  /** Sliver deletions since the last {@link #reclaimSpace}: whether another pass can free anything. */
  /**
   * Deletions since the last reclaiming pass. Starts at 1 so the first pass after an open runs:
   * deletions before a restart, and bytes a crash left unindexed, are not counted anywhere else.
   */
  private final AtomicLong syncRequests = new AtomicLong();
  private final ReentrantLock syncLock = new ReentrantLock();
  /** Sync requests numbered up to this are on disk; guarded by {@link #syncLock}. */
  private long syncedUpTo;
  private final AtomicLong deletesSinceReclaim = new AtomicLong(1);
  private boolean closed;

  private NodeStore(Path directory, RocksSettings settings, RocksDB db, Map<String, ColumnFamilyHandle> handles,
      SliverSegments segments) {
    this.directory = directory;
    this.settings = settings;
    this.db = db;
    this.segments = segments;
    Map<String, ColumnFamilyHandle> rest = new LinkedHashMap<>(handles);
    this.metadataColumns = rest.remove(METADATA);
    this.tables = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      tables.put(t, rest.remove(t.columnFamily()));
    }
    this.shards = new TreeMap<>();
    Map<Integer, ColumnFamilyHandle> primaries = new TreeMap<>();
    Map<Integer, ColumnFamilyHandle> secondaries = new TreeMap<>();
    for (String name : List.copyOf(rest.keySet())) {
      ShardColumns.parse(name).ifPresent(n ->
          (n.type() == SliverType.PRIMARY ? primaries : secondaries).put(n.shard(), rest.remove(name)));
    }
    this.otherColumns = rest;
    try {
      finishInterruptedShardChanges(primaries, secondaries);
      segments.dropShardsOtherThan(shards.keySet());
    } catch (RocksDBException | RuntimeException e) {
      handles.values().forEach(ColumnFamilyHandle::close);
      shards.values().forEach(sc -> sc.secondary().close());
      segments.close();
      db.close();
      throw e instanceof RocksDBException r ? failure("finishing an interrupted shard creation or removal", r)
          : (RuntimeException) e;
    }
  }

  /**
   * Opens the store in {@code directory}, creating the directory and the database if needed, and
   * opening every column family found there: RocksDB refuses to open a database otherwise.
   */
  public static NodeStore open(Path directory, StoreOptions options) {
    Objects.requireNonNull(options, "options");
    RocksDB.loadLibrary();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store directory " + directory, e);
    }
    RocksSettings settings = new RocksSettings(options);
    try {
      Set<String> names = new LinkedHashSet<>();
      names.add(DEFAULT);
      names.add(METADATA);
      for (Table t : Table.values()) {
        names.add(t.columnFamily());
      }
      names.addAll(existingColumnFamilies(directory));
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : names) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), columnOptions(settings, name)));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(settings.dbOptions, directory.toString(), descriptors, handles);
      Map<String, ColumnFamilyHandle> byName = new LinkedHashMap<>();
      int i = 0;
      for (String name : names) {
        byName.put(name, handles.get(i++));
      }
      return new NodeStore(directory, settings, db, byName,
          new SliverSegments(directory.resolve(SEGMENTS), options.segmentBytes()));
    } catch (RocksDBException e) {
      settings.close();
      throw failure("opening the node store at " + directory, e);
    } catch (RuntimeException e) {
      settings.close();
      throw e;
    }
  }

  public Path directory() {
    return directory;
  }

  // ---- metadata ----

  public Optional<BlobMetadata> metadata(BlobId blobId) {
    byte[] value = read("reading metadata", () -> db.get(metadataColumns, blobId.bytes()));
    return value == null ? Optional.empty() : Optional.of(BlobMetadata.fromBcs(value));
  }

  public boolean hasMetadata(BlobId blobId) {
    return read("looking up metadata", () -> exists(metadataColumns, blobId.bytes()));
  }

  /** Blob ids with stored metadata, in blob-id order from {@code startInclusive}, at most {@code limit}. */
  public List<BlobId> metadataBlobIds(BlobId startInclusive, int limit) {
    checkLimit(limit);
    return read("listing metadata", () -> scanKeys(metadataColumns, startInclusive, limit));
  }

  // ---- shards and slivers ----

  /** The shards whose column families exist, in increasing order. */
  public Set<Integer> shards() {
    return read("listing shards", () -> Collections.unmodifiableSet(new TreeSet<>(shards.keySet())));
  }

  public boolean hasShard(int shard) {
    return read("looking up a shard", () -> shards.containsKey(shard));
  }

  /** Creates both column families of {@code shard}; does nothing if they exist. */
  public void createShard(int shard) {
    createShards(List.of(shard));
  }

  /**
   * Creates the column families of every shard in {@code shardIndices} that does not exist yet, in
   * one RocksDB call. Prefer it to a loop over {@link #createShard}: RocksDB rewrites its options
   * file, which lists every column family, after each call, so creating shards one by one costs
   * time quadratic in their number.
   */
  public void createShards(Collection<Integer> shardIndices) {
    shardIndices.forEach(ShardColumns::checkShard);
    exclusive("creating shards " + shardIndices, () -> {
      List<Integer> missing = shardIndices.stream().distinct().sorted().filter(i -> !shards.containsKey(i)).toList();
      if (missing.isEmpty()) {
        return null;
      }
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (int shard : missing) {
        descriptors.add(descriptor(ShardColumns.name(shard, SliverType.PRIMARY)));
        descriptors.add(descriptor(ShardColumns.name(shard, SliverType.SECONDARY)));
      }
      List<ColumnFamilyHandle> handles = db.createColumnFamilies(descriptors);
      for (int i = 0; i < missing.size(); i++) {
        shards.put(missing.get(i), new ShardColumns(handles.get(2 * i), handles.get(2 * i + 1)));
      }
      return null;
    });
  }

  /**
   * Drops both column families of {@code shard} and its {@link Table#SHARD_STATE} keys. RocksDB
   * deletes the files in the background. Does nothing to column families that do not exist.
   */
  public void dropShard(int shard) {
    dropShards(List.of(shard));
  }

  /** {@link #dropShard} for many shards, in one RocksDB call (see {@link #createShards}). */
  public void dropShards(Collection<Integer> shardIndices) {
    shardIndices.forEach(ShardColumns::checkShard);
    exclusive("dropping shards " + shardIndices, () -> {
      Set<Integer> requested = new TreeSet<>(shardIndices);
      List<ShardColumns> present = requested.stream().map(shards::get).filter(Objects::nonNull).toList();
      if (!present.isEmpty()) {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        present.forEach(columns -> handles.add(columns.primary()));
        present.forEach(columns -> handles.add(columns.secondary()));
        try {
          db.dropColumnFamilies(handles);
        } finally {
          requested.forEach(shards::remove);
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
      // After the column families: a crash in between leaves files that the next open deletes.
      requested.forEach(segments::dropShard);
      deleteShardState(requested::contains);
      return null;
    });
  }

  /** The sliver, or empty if the shard or the sliver is not stored. Reads the value once, parses it once. */
  public Optional<SliverData> sliver(int shard, SliverType type, BlobId blobId) {
    return sliverBcs(shard, type, blobId).map(bcs -> SliverData.fromBcs(type, bcs));
  }

  /**
   * The sliver's BCS exactly as it was stored (what {@code GET …/slivers} answers), read once and
   * not parsed; empty if the shard or the sliver is not stored, or its bytes were lost.
   */
  public Optional<byte[]> sliverBcs(int shard, SliverType type, BlobId blobId) {
    return Optional.ofNullable(read("reading a sliver", () -> {
      ShardColumns columns = shards.get(shard);
      byte[] value = columns == null ? null : db.get(columns.handle(type), blobId.bytes());
      if (value == null) {
        return null;
      }
      byte[] bcs = resolve(shard, value);
      if (bcs == null) {
        lostSlivers.accept(new LostSliver(shard, type, blobId));
      }
      return bcs;
    }));
  }

  /** A sliver still indexed whose bytes a read found missing or damaged on disk. */
  public record LostSliver(int shard, SliverType type, BlobId blobId) {}

  /**
   * Tells {@code listener} of every sliver a read finds lost: its index entry stays until someone
   * deletes it, so without this the node would go on believing it holds the sliver. The listener
   * runs on the reading thread and must only hand the report on.
   */
  public void onLostSliver(Consumer<LostSliver> listener) {
    this.lostSlivers = listener;
  }

  /** Whether the sliver is stored; the value is not copied into Java. */
  public boolean hasSliver(int shard, SliverType type, BlobId blobId) {
    return read("looking up a sliver", () -> {
      ShardColumns columns = shards.get(shard);
      return columns != null && exists(columns.handle(type), blobId.bytes());
    });
  }

  /**
   * Slivers of one shard and axis in blob-id byte order (unsigned lexicographic), from {@code
   * startInclusive}, at most {@code limit}; empty if the shard is not stored. Scans do not fill the
   * block cache.
   */
  public List<StoredSliver> slivers(int shard, SliverType type, BlobId startInclusive, int limit) {
    return slivers(shard, type, startInclusive, limit, Long.MAX_VALUE);
  }

  /**
   * As {@link #slivers(int, SliverType, BlobId, int)}, stopping once the slivers read hold {@code
   * maxBytes} (at least one is returned): slivers of large blobs are megabytes each.
   */
  public List<StoredSliver> slivers(int shard, SliverType type, BlobId startInclusive, int limit, long maxBytes) {
    checkLimit(limit);
    return read("scanning slivers", () -> {
      ShardColumns columns = shards.get(shard);
      List<StoredSliver> out = new ArrayList<>(Math.min(limit, PAGE_ENTRIES));
      if (columns == null) {
        return out;
      }
      long bytes = 0;
      try (RocksIterator it = db.newIterator(columns.handle(type), settings.scanOptions)) {
        for (it.seek(startInclusive.bytes()); it.isValid() && out.size() < limit && bytes < maxBytes; it.next()) {
          byte[] bcs = resolve(shard, it.value());
          if (bcs != null) {
            out.add(new StoredSliver(BlobId.of(it.key()), SliverData.fromBcs(type, bcs)));
            bytes += bcs.length;
          } else {
            lostSlivers.accept(new LostSliver(shard, type, BlobId.of(it.key())));
          }
        }
        it.status();
      }
      return out;
    });
  }

  /**
   * Blob ids present in one shard and axis, in the same order as {@link #slivers}. Values are not
   * copied into Java (RocksDB still reads large ones from their blob files).
   */
  public List<BlobId> sliverBlobIds(int shard, SliverType type, BlobId startInclusive, int limit) {
    checkLimit(limit);
    return read("listing slivers", () -> {
      ShardColumns columns = shards.get(shard);
      return columns == null ? List.of() : scanKeys(columns.handle(type), startInclusive, limit);
    });
  }

  // ---- tables ----

  public Optional<byte[]> get(Table table, byte[] key) {
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(read("reading " + table.columnFamily(), () -> db.get(tables.get(table), key)));
  }

  /**
   * Calls {@code visitor} with every entry of {@code table} whose key starts with {@code prefix},
   * in key order, until it returns false. Entries are read in pages and the visitor runs without
   * any lock held, so it may use the store; writes made meanwhile may or may not be seen.
   */
  public void forEach(Table table, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(visitor, "visitor");
    ColumnFamilyHandle columns = tables.get(table);
    byte[] from = prefix;
    while (true) {
      byte[] start = from;
      Page page = read("scanning " + table.columnFamily(), () -> readPage(columns, start, prefix));
      for (Entry e : page.entries()) {
        if (!visitor.test(e.key(), e.value())) {
          return;
        }
      }
      if (!page.more()) {
        return;
      }
      byte[] last = page.entries().getLast().key();
      from = Arrays.copyOf(last, last.length + 1); // the smallest key after `last`
    }
  }

  /** A {@link Table#SHARD_STATE} key: the shard as a big-endian u16, then {@code name} in UTF-8. */
  public static byte[] shardStateKey(int shard, String name) {
    byte[] suffix = name.getBytes(UTF_8);
    byte[] key = Arrays.copyOf(shardStatePrefix(shard), 2 + suffix.length);
    System.arraycopy(suffix, 0, key, 2, suffix.length);
    return key;
  }

  /** The prefix of every {@link Table#SHARD_STATE} key of {@code shard}. */
  public static byte[] shardStatePrefix(int shard) {
    ShardColumns.checkShard(shard);
    return new byte[] {(byte) (shard >>> 8), (byte) shard};
  }

  // ---- writes, statistics, lifecycle ----

  public Batch batch() {
    read("starting a batch", () -> null);
    return new Batch(this);
  }

  /** RocksDB's estimates per column family, and the size of the directory. */
  public StoreStats stats() {
    return read("reading statistics", () -> {
      Map<String, StoreStats.ColumnFamilyStats> perColumn = new LinkedHashMap<>();
      perColumn.put(METADATA, columnStats(metadataColumns));
      tables.forEach((t, h) -> perColumn.put(t.columnFamily(), columnStats(h)));
      shards.forEach((shard, columns) -> {
        for (SliverType type : SliverType.values()) {
          perColumn.put(ShardColumns.name(shard, type), columnStats(columns.handle(type)));
        }
      });
      return new StoreStats(perColumn, directorySize());
    });
  }

  /** Closes the database; later calls throw {@link StoreClosedException}. Idempotent. */
  @Override
  public void close() {
    Lock write = lock.writeLock();
    write.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      shards.values().forEach(sc -> {
        sc.primary().close();
        sc.secondary().close();
      });
      tables.values().forEach(ColumnFamilyHandle::close);
      metadataColumns.close();
      otherColumns.values().forEach(ColumnFamilyHandle::close);
      segments.close();
      try {
        db.closeE();
      } catch (RocksDBException e) {
        throw failure("closing the node store", e);
      } finally {
        settings.close();
      }
    } finally {
      write.unlock();
    }
  }

  /**
   * Makes everything committed so far survive a power loss, not only a process crash: forces the
   * sliver segments and syncs the write-ahead log. A node calls it before it signs a storage
   * confirmation, so that a confirmation never outlives the slivers it vouches for; with {@link
   * StoreOptions#syncWrites()} every commit does this already.
   */
  public void syncToDisk() {
    long mine = syncRequests.incrementAndGet();
    syncLock.lock();
    try {
      // Callers that queue while a sync runs share the next one: a burst of confirmations costs
      // one or two fsyncs, not one each.
      if (syncedUpTo >= mine) {
        return;
      }
      long upTo = syncRequests.get();
      read("syncing to disk", () -> {
        segments.force();
        db.syncWal();
        return null;
      });
      syncedUpTo = upTo;
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Frees the disk space of deleted slivers: deletes segment files no sliver points into any more,
   * and moves the live slivers out of segments that are at least {@link
   * SpaceReclaimer#GARBAGE_RATIO} garbage, then deletes those. Reads and writes go on meanwhile.
   * Space of dropped shards comes back at once, without this.
   */
  public SpaceReclaimer.Result reclaimSpace() {
    deletesSinceReclaim.set(0);
    SpaceReclaimer.Result result = new SpaceReclaimer(this, segments).run();
    // A shard dropped while the pass moved its slivers may have had its directory made again.
    exclusive("deleting the segments of dropped shards", () -> {
      segments.dropShardsOtherThan(shards.keySet());
      return null;
    });
    return result;
  }

  /** {@link #reclaimSpace()} if slivers were deleted since the last pass, else nothing. */
  public Optional<SpaceReclaimer.Result> reclaimSpaceIfDeleted() {
    return deletesSinceReclaim.get() == 0 ? Optional.empty() : Optional.of(reclaimSpace());
  }

  /** The bytes of the slivers held (what a full read would return) and of the segment files holding them. */
  public SliverSpace sliverSpace() {
    long sliverBytes = 0;
    long segmentBytes = 0;
    for (int shard : shards()) {
      long[] sum = {0};
      for (SliverType type : SliverType.values()) {
        forEachSliverValue(shard, type, (key, value) -> sum[0] += SliverLocator.isLocator(value)
            ? SliverLocator.decode(value).length() : value.length);
      }
      sliverBytes += sum[0];
      segmentBytes += segments.segments(shard).values().stream().mapToLong(Long::longValue).sum();
    }
    return new SliverSpace(sliverBytes, segmentBytes);
  }

  /**
   * @param sliverBytes the BCS bytes of every sliver stored
   * @param segmentFileBytes the size of the segment files (live slivers, garbage, headers)
   */
  public record SliverSpace(long sliverBytes, long segmentFileBytes) {}

  // ---- internals ----

  /**
   * Calls {@code visitor} with every key and raw value (a locator or an inline sliver) of one shard
   * and axis, read in pages; the visitor runs without any lock held.
   */
  void forEachSliverValue(int shard, SliverType type, BiConsumer<byte[], byte[]> visitor) {
    byte[] from = new byte[0];
    while (true) {
      byte[] start = from;
      Page page = read("scanning slivers", () -> {
        ShardColumns columns = shards.get(shard);
        return columns == null ? new Page(List.of(), false) : readPage(columns.handle(type), start, new byte[0]);
      });
      for (Entry e : page.entries()) {
        visitor.accept(e.key(), e.value());
      }
      if (!page.more()) {
        return;
      }
      byte[] last = page.entries().getLast().key();
      from = Arrays.copyOf(last, last.length + 1);
    }
  }

  /** A sliver moved from {@code from} to {@code to}, if its key still points at {@code from}. */
  record Move(SliverType type, byte[] key, SliverLocator from, SliverLocator to) {}

  /**
   * Points each move's key at its new location if it still points at the old one (a sliver
   * deleted or written again meanwhile keeps what it has now), in one batch. Returns how many keys
   * moved. The new bytes are made durable first, as the old ones are about to be deleted.
   */
  int replaceLocators(int shard, List<Move> moves) {
    return read("moving slivers between segments", () -> {
      ShardColumns columns = shards.get(shard);
      if (columns == null) {
        return 0;
      }
      segments.force();
      indexLock.writeLock().lock();
      try (WriteBatch wb = new WriteBatch()) {
        int moved = 0;
        for (Move m : moves) {
          byte[] now = db.get(columns.handle(m.type()), m.key());
          if (now != null && Arrays.equals(now, m.from().encode())) {
            wb.put(columns.handle(m.type()), m.key(), m.to().encode());
            moved++;
          }
        }
        db.write(settings.writeOptions, wb);
        db.syncWal();
        return moved;
      } finally {
        indexLock.writeLock().unlock();
      }
    });
  }

  /** Starts a new segment for {@code shard} once no append is between its bytes and its index. */
  boolean sealSegment(int shard) {
    return exclusive("starting a new segment", () -> {
      indexLock.writeLock().lock();
      try {
        return segments.seal(shard);
      } finally {
        indexLock.writeLock().unlock();
      }
    });
  }

  /** Deletes a segment file once no read can be using it. */
  void deleteSegment(int shard, int segment) {
    exclusive("deleting a segment", () -> {
      segments.deleteSegment(shard, segment);
      return null;
    });
  }

  void requireShard(int shard) {
    if (!hasShard(shard)) {
      throw new ShardNotStoredException(shard);
    }
  }

  /** Applies a batch's writes as one RocksDB write batch, resolving shards now. */
  void write(List<Batch.Op> ops) {
    read("committing a batch", () -> {
      indexLock.readLock().lock();
      try {
        return writeLocked(ops);
      } finally {
        indexLock.readLock().unlock();
      }
    });
  }

  private Void writeLocked(List<Batch.Op> ops) throws RocksDBException {
    long deletes = 0;
    boolean appended = false;
    try (WriteBatch wb = new WriteBatch()) {
      for (Batch.Op op : ops) {
        switch (op) {
          case Batch.TablePut p -> wb.put(tables.get(p.table()), p.key(), p.value());
          case Batch.TableDelete d -> wb.delete(tables.get(d.table()), d.key());
          case Batch.MetadataPut p -> wb.put(metadataColumns, p.key(), p.value());
          case Batch.MetadataDelete d -> wb.delete(metadataColumns, d.key());
          case Batch.SliverPut p -> {
            ShardColumns columns = shards.get(p.shard());
            if (columns == null) {
              throw new ShardNotStoredException(p.shard());
            }
            byte[] value = p.value();
            if (value.length >= SliverSegments.INLINE_MAX_BYTES) {
              // The bytes go first: once the batch commits, what it indexes is on file.
              value = segments.append(p.shard(), value).encode();
              appended = true;
            }
            wb.put(columns.handle(p.type()), p.key(), value);
          }
          case Batch.SliverDelete d -> {
            ShardColumns columns = shards.get(d.shard());
            if (columns != null) {
              wb.delete(columns.handle(d.type()), d.key());
              deletes++;
            }
          }
          case Batch.DeleteEverywhere d -> {
            deletes++;
            wb.delete(metadataColumns, d.key());
            for (ShardColumns columns : shards.values()) {
              wb.delete(columns.primary(), d.key());
              wb.delete(columns.secondary(), d.key());
            }
          }
        }
      }
      if (appended && settings.writeOptions.sync()) {
        segments.force();
      }
      db.write(settings.writeOptions, wb);
    }
    deletesSinceReclaim.addAndGet(deletes);
    return null;
  }

  /** The sliver's BCS for a column-family value: the value itself, or the bytes its locator points to. */
  private byte[] resolve(int shard, byte[] value) {
    return SliverLocator.isLocator(value) ? segments.read(shard, SliverLocator.decode(value)) : value;
  }

  @FunctionalInterface
  private interface RocksCall<T> {
    T run() throws RocksDBException;
  }

  private record Entry(byte[] key, byte[] value) {}

  private record Page(List<Entry> entries, boolean more) {}

  private <T> T read(String what, RocksCall<T> call) {
    return locked(lock.readLock(), what, call);
  }

  private <T> T exclusive(String what, RocksCall<T> call) {
    return locked(lock.writeLock(), what, call);
  }

  private <T> T locked(Lock l, String what, RocksCall<T> call) {
    l.lock();
    try {
      if (closed) {
        throw new StoreClosedException(directory.toString());
      }
      return call.run();
    } catch (RocksDBException e) {
      throw failure(what, e);
    } finally {
      l.unlock();
    }
  }

  private boolean exists(ColumnFamilyHandle columns, byte[] key) throws RocksDBException {
    return db.keyMayExist(columns, key, null) && db.get(columns, key, NO_VALUE) != RocksDB.NOT_FOUND;
  }

  private List<BlobId> scanKeys(ColumnFamilyHandle columns, BlobId start, int limit) throws RocksDBException {
    List<BlobId> out = new ArrayList<>(Math.min(limit, PAGE_ENTRIES));
    try (RocksIterator it = db.newIterator(columns, settings.scanOptions)) {
      for (it.seek(start.bytes()); it.isValid() && out.size() < limit; it.next()) {
        out.add(BlobId.of(it.key()));
      }
      it.status();
    }
    return out;
  }

  private Page readPage(ColumnFamilyHandle columns, byte[] start, byte[] prefix) throws RocksDBException {
    List<Entry> entries = new ArrayList<>();
    long bytes = 0;
    try (RocksIterator it = db.newIterator(columns)) {
      for (it.seek(start); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!startsWith(key, prefix)) {
          break;
        }
        if (entries.size() >= PAGE_ENTRIES || bytes >= PAGE_BYTES) {
          return new Page(entries, true);
        }
        byte[] value = it.value();
        entries.add(new Entry(key, value));
        bytes += key.length + value.length;
      }
      it.status();
    }
    return new Page(entries, false);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private ColumnFamilyDescriptor descriptor(String name) {
    return new ColumnFamilyDescriptor(name.getBytes(UTF_8), columnOptions(settings, name));
  }

  /** Deletes the {@link Table#SHARD_STATE} keys of the shards {@code which} selects; the caller holds the lock. */
  private void deleteShardState(IntPredicate which) throws RocksDBException {
    ColumnFamilyHandle columns = tables.get(Table.SHARD_STATE);
    try (WriteBatch wb = new WriteBatch(); RocksIterator it = db.newIterator(columns)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (key.length >= 2 && which.test(((key[0] & 0xFF) << 8) | (key[1] & 0xFF))) {
          wb.delete(columns, key);
        }
      }
      it.status();
      if (wb.count() > 0) {
        db.write(settings.writeOptions, wb);
      }
    }
  }

  /** See the class comment: completes shard creations and drops that a crash interrupted. */
  private void finishInterruptedShardChanges(Map<Integer, ColumnFamilyHandle> primaries,
      Map<Integer, ColumnFamilyHandle> secondaries) throws RocksDBException {
    List<Integer> halfCreated = new ArrayList<>();
    for (var e : primaries.entrySet()) {
      ColumnFamilyHandle secondary = secondaries.remove(e.getKey());
      if (secondary == null) {
        halfCreated.add(e.getKey());
      } else {
        shards.put(e.getKey(), new ShardColumns(e.getValue(), secondary));
      }
    }
    if (!halfCreated.isEmpty()) {
      List<ColumnFamilyHandle> created = db.createColumnFamilies(halfCreated.stream()
          .map(shard -> descriptor(ShardColumns.name(shard, SliverType.SECONDARY))).toList());
      for (int i = 0; i < halfCreated.size(); i++) {
        shards.put(halfCreated.get(i), new ShardColumns(primaries.get(halfCreated.get(i)), created.get(i)));
      }
    }
    if (!secondaries.isEmpty()) {
      db.dropColumnFamilies(List.copyOf(secondaries.values()));
      secondaries.values().forEach(ColumnFamilyHandle::close);
    }
    deleteShardState(shard -> !shards.containsKey(shard));
  }

  private StoreStats.ColumnFamilyStats columnStats(ColumnFamilyHandle columns) {
    return new StoreStats.ColumnFamilyStats(
        longProperty(columns, "rocksdb.estimate-num-keys"),
        longProperty(columns, "rocksdb.estimate-live-data-size") + longProperty(columns, "rocksdb.live-blob-file-size"),
        longProperty(columns, "rocksdb.cur-size-all-mem-tables"));
  }

  private long longProperty(ColumnFamilyHandle columns, String property) {
    try {
      return db.getLongProperty(columns, property);
    } catch (RocksDBException e) {
      return 0;
    }
  }

  private long directorySize() {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.mapToLong(NodeStore::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // RocksDB deleted a file while we walked: the figure is approximate anyway
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> existingColumnFamilies(Path directory) throws RocksDBException {
    if (!Files.exists(directory.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, directory.toString()).stream()
          .map(name -> new String(name, UTF_8)).toList();
    }
  }

  private static ColumnFamilyOptions columnOptions(RocksSettings settings, String name) {
    if (ShardColumns.parse(name).isPresent()) {
      return settings.sliverColumns;
    }
    return name.equals(METADATA) ? settings.metadataColumns : settings.tableColumns;
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit " + limit);
    }
  }

  private static StoreException failure(String what, RocksDBException e) {
    String status = e.getStatus() == null ? e.getMessage() : e.getStatus().getCodeString() + ": " + e.getMessage();
    return new StoreException("RocksDB failed " + what + " (" + status + ")", e);
  }
}
