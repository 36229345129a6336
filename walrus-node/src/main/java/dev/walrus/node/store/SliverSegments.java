package dev.walrus.node.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sliver bytes of every shard, appended to segment files: {@code segments/shard-<i>/<n>.seg},
 * each an 8-byte header followed by slivers' BCS back to back. RocksDB keeps only a {@link
 * SliverLocator} per sliver, so a sliver is written once (not to the WAL, a memtable, a flushed
 * file and again by every compaction), its column families stay small enough that hundreds of
 * shards do not force tiny flushes, and a read is one positional read of exactly the sliver.
 *
 * <p>Why this is crash-safe: a sliver's bytes are written (to the page cache) before the
 * RocksDB batch that indexes them, so after {@code kill -9} every indexed sliver is there; bytes
 * whose batch never committed are unreferenced garbage that {@link NodeStore#reclaimSpace}
 * removes. For a power loss the segments are forced to disk before a synced batch ({@link
 * StoreOptions#syncWrites()}) and before a storage confirmation ({@link NodeStore#syncToDisk}); a
 * CRC-32C in every locator catches bytes that were lost anyway.
 *
 * <p>Thread safety: appends to one shard are serialised; reads are positional and concurrent.
 * {@link NodeStore} calls {@link #dropShard} and {@link #deleteSegment} only while it holds its
 * lock exclusively, so no read or append of those files is in flight.
 */
final class SliverSegments implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SliverSegments.class);
  /** Slivers shorter than this stay in RocksDB: a locator and a file read would cost more. */
  static final int INLINE_MAX_BYTES = 256;
  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  static final byte[] HEADER = "WSLVSEG1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern SHARD_DIR = Pattern.compile("shard-(\\d{1,5})");
  private static final Pattern SEGMENT_FILE = Pattern.compile("(\\d{10})\\.seg");
  private static final int MAX_OPEN_READERS = 256;

  private final Path root;
  private final long segmentBytes;
  private final Map<Integer, Appender> appenders = new ConcurrentHashMap<>();
  /** Read channels by {@code shard << 32 | segment}, least recently used first. */
  private final LinkedHashMap<Long, FileChannel> readers = new LinkedHashMap<>(64, 0.75f, true);

  SliverSegments(Path root, long segmentBytes) {
    this.root = root;
    this.segmentBytes = segmentBytes;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sliver segment directory " + root, e);
    }
  }

  Path root() {
    return root;
  }

  /** Appends {@code bcs} to the shard's current segment and returns where it went. */
  SliverLocator append(int shard, byte[] bcs) {
    CRC32C crc = new CRC32C();
    crc.update(bcs);
    int checksum = (int) crc.getValue();
    try {
      return appenders.computeIfAbsent(shard, s -> new Appender(shardDir(s))).append(bcs, checksum);
    } catch (IOException e) {
      throw new StoreException("cannot append a sliver to shard " + shard + "'s segment file in " + root, e);
    }
  }

  /**
   * Reads the sliver at {@code locator}, or returns null if its bytes are not what was written (a
   * lost or damaged file after a power loss): the caller treats the sliver as missing.
   */
  byte[] read(int shard, SliverLocator locator) {
    for (int attempt = 0; ; attempt++) {
      FileChannel channel = reader(shard, locator.segment());
      if (channel == null) {
        LOG.error("shard {}: segment {} is missing; a sliver indexed in it is treated as lost", shard, locator.segment());
        return null;
      }
      byte[] bytes = new byte[locator.length()];
      try {
        readFully(channel, ByteBuffer.wrap(bytes), locator.offset());
      } catch (ClosedChannelException e) {
        // An interrupted reader closes the shared channel: open it again, once.
        forget(shard, locator.segment(), channel);
        if (attempt == 0 && !Thread.currentThread().isInterrupted()) {
          continue;
        }
        throw new StoreException("reading shard " + shard + " segment " + locator.segment() + " was interrupted", e);
      } catch (IOException e) {
        throw new StoreException("cannot read shard " + shard + " segment " + locator.segment(), e);
      }
      if (!matches(bytes, locator)) {
        LOG.error("shard {}: the sliver at segment {} offset {} fails its checksum; it is treated as lost", shard,
            locator.segment(), locator.offset());
        return null;
      }
      return bytes;
    }
  }

  /** Forces every segment with unsynced appends to disk. */
  void force() {
    for (Map.Entry<Integer, Appender> e : appenders.entrySet()) {
      try {
        e.getValue().force();
      } catch (IOException ex) {
        throw new StoreException("cannot sync shard " + e.getKey() + "'s segment file", ex);
      }
    }
  }

  /** The shard's segment numbers and file sizes, in increasing order. */
  TreeMap<Integer, Long> segments(int shard) {
    TreeMap<Integer, Long> out = new TreeMap<>();
    Path dir = shardDir(shard);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = SEGMENT_FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          try {
            out.put(Integer.parseInt(m.group(1)), Files.size(f));
          } catch (NoSuchFileException gone) {
            // deleted meanwhile
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list shard " + shard + "'s segment files", e);
    }
    return out;
  }

  /**
   * The segment appends go to next (or would, once the shard is written to): segments below it
   * receive no new slivers, so their live bytes only shrink.
   */
  int activeSegment(int shard) {
    Appender a = appenders.get(shard);
    int current = a == null ? -1 : a.current();
    if (current >= 0) {
      return current;
    }
    TreeMap<Integer, Long> all = segments(shard);
    return all.isEmpty() ? 0 : all.lastKey();
  }

  /**
   * Ends the segment appends of {@code shard} go to, so the next append starts a new one and the
   * old one can be reclaimed; the caller holds the store's lock exclusively (no append is between
   * its bytes and its index). Returns whether there was one to end.
   */
  boolean seal(int shard) {
    try {
      return appenders.computeIfAbsent(shard, s -> new Appender(shardDir(s))).seal();
    } catch (IOException e) {
      throw new StoreException("cannot start a new segment file for shard " + shard + " in " + root, e);
    }
  }

  /** Deletes one segment file; the caller holds the store's lock exclusively. */
  void deleteSegment(int shard, int segment) {
    evict(shard, segment);
    try {
      Files.deleteIfExists(shardDir(shard).resolve(fileName(segment)));
    } catch (IOException e) {
      throw new StoreException("cannot delete shard " + shard + " segment " + segment, e);
    }
  }

  /** Deletes the shard's files; the caller holds the store's lock exclusively. */
  void dropShard(int shard) {
    Appender a = appenders.remove(shard);
    if (a != null) {
      a.close();
    }
    synchronized (readers) {
      readers.entrySet().removeIf(e -> {
        if ((int) (e.getKey() >>> 32) == shard) {
          closeQuietly(e.getValue());
          return true;
        }
        return false;
      });
    }
    deleteTree(shardDir(shard));
  }

  /** Deletes the directories of shards not in {@code live}: left by a drop that a crash interrupted. */
  void dropShardsOtherThan(Set<Integer> live) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      List<Integer> orphans = new ArrayList<>();
      for (Path d : dirs) {
        Matcher m = SHARD_DIR.matcher(d.getFileName().toString());
        if (m.matches() && !live.contains(Integer.parseInt(m.group(1)))) {
          orphans.add(Integer.parseInt(m.group(1)));
        }
      }
      orphans.forEach(this::dropShard);
    } catch (IOException e) {
      throw new StoreException("cannot list the sliver segment directory " + root, e);
    }
  }

  /** Shards that have a segment directory. */
  Collection<Integer> shardsOnDisk() {
    List<Integer> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        Matcher m = SHARD_DIR.matcher(d.getFileName().toString());
        if (m.matches()) {
          out.add(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list the sliver segment directory " + root, e);
    }
    return out;
  }

  @Override
  public void close() {
    appenders.values().forEach(Appender::close);
    appenders.clear();
    synchronized (readers) {
      readers.values().forEach(SliverSegments::closeQuietly);
      readers.clear();
    }
  }

  static boolean matches(byte[] bytes, SliverLocator locator) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue() == locator.crc();
  }

  private Path shardDir(int shard) {
    return root.resolve("shard-" + shard);
  }

  private static String fileName(int segment) {
    return String.format("%010d.seg", segment);
  }

  private FileChannel reader(int shard, int segment) {
    long key = ((long) shard << 32) | (segment & 0xFFFF_FFFFL);
    synchronized (readers) {
      FileChannel open = readers.get(key);
      if (open != null && open.isOpen()) {
        return open;
      }
      try {
        FileChannel channel = FileChannel.open(shardDir(shard).resolve(fileName(segment)), StandardOpenOption.READ);
        readers.put(key, channel);
        if (readers.size() > MAX_OPEN_READERS) {
          var eldest = readers.entrySet().iterator().next();
          closeQuietly(eldest.getValue());
          readers.remove(eldest.getKey());
        }
        return channel;
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw new StoreException("cannot open shard " + shard + " segment " + segment, e);
      }
    }
  }

  private void forget(int shard, int segment, FileChannel channel) {
    long key = ((long) shard << 32) | (segment & 0xFFFF_FFFFL);
    synchronized (readers) {
      readers.remove(key, channel);
    }
  }

  private void evict(int shard, int segment) {
    long key = ((long) shard << 32) | (segment & 0xFFFF_FFFFL);
    synchronized (readers) {
      FileChannel c = readers.remove(key);
      if (c != null) {
        closeQuietly(c);
      }
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new IOException("segment ends at " + at + ", before the sliver's end");
      }
      at += n;
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.debug("closing a segment: {}", e.toString());
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new StoreException("cannot delete " + dir, e instanceof IOException io ? io : e.getCause());
    }
  }

  /** The segment one shard appends to, rolled over at {@link #segmentBytes}. */
  private final class Appender {
    private final Path dir;
    private FileChannel channel;
    private int segment;
    private long size;
    private boolean dirty;

    Appender(Path dir) {
      this.dir = dir;
    }

    /** The segment being appended to, or -1 before the first append. */
    synchronized int current() {
      return channel == null ? -1 : segment;
    }

    synchronized SliverLocator append(byte[] bcs, int crc) throws IOException {
      if (channel != null && !channel.isOpen()) {
        // An interrupt during an earlier write closed the channel: carry on in a fresh one (the
        // bytes that write left behind are unindexed garbage).
        channel = null;
      }
      if (channel == null) {
        open();
      } else if (size >= segmentBytes) {
        roll(segment + 1);
      }
      long at = size;
      ByteBuffer buffer = ByteBuffer.wrap(bcs);
      long position = at;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      size = position;
      dirty = true;
      return new SliverLocator(segment, at, bcs.length, crc);
    }

    synchronized boolean seal() throws IOException {
      if (channel != null && !channel.isOpen()) {
        channel = null;
      }
      if (channel == null) {
        open(); // after a restart: the newest segment, which appends would continue
      }
      if (size <= HEADER.length) {
        return false;
      }
      roll(segment + 1);
      return true;
    }

    synchronized void force() throws IOException {
      if (dirty && channel != null) {
        channel.force(false);
        dirty = false;
      }
    }

    synchronized void close() {
      if (channel != null) {
        try {
          force();
        } catch (IOException e) {
          LOG.warn("syncing segment {} in {}: {}", segment, dir, e.toString());
        }
        closeQuietly(channel);
        channel = null;
      }
    }

    /** Continues the newest segment if it has room (bytes after its last indexed sliver are garbage), else starts one. */
    private void open() throws IOException {
      Files.createDirectories(dir);
      int newest = -1;
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          Matcher m = SEGMENT_FILE.matcher(f.getFileName().toString());
          if (m.matches()) {
            newest = Math.max(newest, Integer.parseInt(m.group(1)));
          }
        }
      }
      if (newest >= 0) {
        Path file = dir.resolve(fileName(newest));
        long length = Files.size(file);
        if (length >= HEADER.length && length < segmentBytes && hasHeader(file)) {
          channel = FileChannel.open(file, StandardOpenOption.WRITE);
          segment = newest;
          size = length;
          return;
        }
      }
      roll(newest + 1);
    }

    private void roll(int next) throws IOException {
      if (next < 0) {
        throw new IOException("segment numbers are exhausted in " + dir);
      }
      if (channel != null) {
        // A later sync of the store must cover these bytes too, and this channel is about to go.
        force();
        closeQuietly(channel);
        channel = null;
      }
      Path file = dir.resolve(fileName(next));
      FileChannel created = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      ByteBuffer header = ByteBuffer.wrap(HEADER);
      while (header.hasRemaining()) {
        created.write(header, HEADER.length - header.remaining());
      }
      channel = created;
      segment = next;
      size = HEADER.length;
      dirty = true;
    }

    private boolean hasHeader(Path file) throws IOException {
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer b = ByteBuffer.allocate(HEADER.length);
        readFully(c, b, 0);
        return Arrays.equals(b.array(), HEADER);
      }
    }
  }
}
