package dev.walrus.ledger.replication;

import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.ledger.api.EventEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Every event the ledger emitted, so that subscribers can resume from any cursor: append-only
 * segment files on disk and the most recent events in a bounded ring in memory.
 *
 * <p>Events are a deterministic function of the blocks, so the log needs no write-ahead
 * durability of its own: segments are flushed and fsynced when sealed (before each state
 * snapshot), and on start-up the log is cut back to the snapshot's event count, the events after
 * it being produced again as the Raft log replays. Sealed segments are immutable, which lets a
 * snapshot list them as files for Ratis to send to a replica that fell behind.
 *
 * <p>One thread appends (the state machine); any number read and wait.
 */
public final class EventLog implements Closeable {
  private final Path dir;
  private final long maxSegmentBytes;
  private final EventEnvelope[] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private final TreeMap<Long, EventSegment> segments = new TreeMap<>();
  private EventSegment active;
  private FileChannel activeChannel;
  /** The sequence number of the next event; events below it are in the log. */
  private long next;
  /** The ring holds {@code [max(ringFloor, next - ring.length), next)}. */
  private long ringFloor;
  private boolean closed;

  private EventLog(Path dir, long maxSegmentBytes, int ringCapacity) {
    this.dir = dir;
    this.maxSegmentBytes = maxSegmentBytes;
    this.ring = new EventEnvelope[ringCapacity];
  }

  /**
   * Opens (or creates) the log in {@code dir} holding exactly the events {@code [0, keep)}: later
   * events, left from before a restart, are removed. Fails if events below {@code keep} are
   * missing or damaged.
   */
  public static EventLog open(Path dir, long keep, long maxSegmentBytes, int ringCapacity) throws IOException {
    Files.createDirectories(dir);
    EventLog log = new EventLog(dir, maxSegmentBytes, ringCapacity);
    log.load(keep);
    return log;
  }

  private void load(long keep) throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(p -> {
        long first = EventSegment.firstOf(p.getFileName().toString());
        if (first >= 0) {
          files.put(first, p);
        }
      });
    }
    long expected = 0;
    for (Map.Entry<Long, Path> f : files.entrySet()) {
      if (f.getKey() >= keep) {
        Files.delete(f.getValue());
        continue;
      }
      if (f.getKey() != expected) {
        throw new IOException("event log " + dir + " has a gap: events " + expected + " to " + (f.getKey() - 1) + " are missing");
      }
      EventSegment s = new EventSegment(f.getValue(), f.getKey());
      long valid = s.scan();
      if (s.next() > keep) {
        try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
          valid = s.offsetOf(ch, keep);
        }
        s.cut(keep, valid);
      }
      if (valid < Files.size(s.path)) {
        try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
          ch.truncate(valid);
          ch.force(true);
        }
      }
      if (s.next() == s.first) {
        Files.delete(s.path);
        continue;
      }
      segments.put(s.first, s);
      expected = s.next();
    }
    if (expected < keep) {
      throw new IOException("event log " + dir + " ends at event " + expected + " but the ledger state is at event "
          + keep + ": the events in between are missing");
    }
    next = expected;
    ringFloor = expected;
  }

  /** The sequence number the next event will get. */
  public long next() {
    lock.lock();
    try {
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** Appends the events of one block; they must continue the sequence. */
  public void append(List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("event log is closed");
      }
      if (events.get(0).sequence() != next) {
        throw new IllegalStateException("event " + events.get(0).sequence() + " does not follow " + (next - 1));
      }
      write(events);
      for (EventEnvelope e : events) {
        ring[(int) (e.sequence() % ring.length)] = e;
      }
      next += events.size();
      grown.signalAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the event log in " + dir, e);
    } finally {
      lock.unlock();
    }
  }

  private void write(List<EventEnvelope> events) throws IOException {
    if (active == null) {
      Path path = dir.resolve(EventSegment.fileName(next));
      activeChannel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      active = new EventSegment(path, next);
      segments.put(next, active);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 256);
    long offset = active.size();
    ByteBuffer header = ByteBuffer.allocate(EventSegment.HEADER).order(ByteOrder.LITTLE_ENDIAN);
    for (EventEnvelope e : events) {
      byte[] payload = BcsRecords.encode(EventEnvelope.class, e);
      header.clear();
      header.putInt(payload.length).putInt(EventSegment.crc(payload, 0, payload.length));
      out.write(header.array());
      out.write(payload);
      active.appended(offset, EventSegment.HEADER + payload.length);
      offset += EventSegment.HEADER + payload.length;
    }
    ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
    while (buf.hasRemaining()) {
      activeChannel.write(buf);
    }
    if (active.size() >= maxSegmentBytes) {
      sealActive();
    }
  }

  /**
   * Makes every event so far durable and immutable: the open segment is fsynced and closed (the
   * next event starts a new one). Returns the segment files, all sealed, in order.
   */
  public List<Path> seal() throws IOException {
    lock.lock();
    try {
      sealActive();
      return segments.values().stream().map(s -> s.path).toList();
    } finally {
      lock.unlock();
    }
  }

  /** The sealed segment files that together hold the events {@code [0, end)} (and none beyond). */
  public List<Path> sealedFilesUpTo(long end) {
    lock.lock();
    try {
      List<Path> out = new ArrayList<>();
      for (EventSegment s : segments.values()) {
        if (s != active && s.next() <= end) {
          out.add(s.path);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private void sealActive() throws IOException {
    if (active == null) {
      return;
    }
    activeChannel.force(true);
    activeChannel.close();
    activeChannel = null;
    active = null;
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the file contents are synced regardless.
    }
  }

  /**
   * Up to {@code max} events from sequence {@code from} on (fewer at the end of the log; none if
   * {@code from >= next()}): recent ones from memory, older ones from disk.
   */
  public List<EventEnvelope> read(long from, int max) {
    if (from < 0 || max <= 0) {
      throw new IllegalArgumentException("bad cursor or limit");
    }
    List<EventEnvelope> out = new ArrayList<>(Math.min(max, 1024));
    long end;
    List<EventSegment> onDisk;
    lock.lock();
    try {
      end = Math.min(next, from + max);
      long ringStart = Math.max(ringFloor, next - ring.length);
      if (from >= ringStart) {
        for (long s = from; s < end; s++) {
          out.add(ring[(int) (s % ring.length)]);
        }
        return out;
      }
      Long start = segments.floorKey(from);
      onDisk = new ArrayList<>((start == null ? segments : segments.tailMap(start, true)).values());
    } finally {
      lock.unlock();
    }
    try {
      readFromDisk(onDisk, from, end, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event log in " + dir, e);
    }
    return out;
  }

  private static void readFromDisk(List<EventSegment> onDisk, long from, long end, List<EventEnvelope> out)
      throws IOException {
    long seq = from;
    ByteBuffer header = ByteBuffer.allocate(EventSegment.HEADER).order(ByteOrder.LITTLE_ENDIAN);
    for (EventSegment s : onDisk) {
      if (seq >= end) {
        break;
      }
      long stop = Math.min(end, s.next());
      try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
        long offset = s.offsetOf(ch, seq);
        for (; seq < stop; seq++) {
          header.clear();
          EventSegment.readFully(ch, header, offset);
          ByteBuffer payload = ByteBuffer.allocate(header.getInt(0));
          EventSegment.readFully(ch, payload, offset + EventSegment.HEADER);
          out.add(BcsRecords.decode(EventEnvelope.class, payload.array()));
          offset += EventSegment.HEADER + payload.capacity();
        }
      }
    }
  }

  /**
   * Waits until there is an event at or after {@code cursor} or {@code timeoutMs} passed; returns
   * whether there is one. Returns at once (false) when the log is closed.
   */
  public boolean await(long cursor, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (next <= cursor && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        grown.awaitNanos(left);
      }
      return next > cursor;
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Closes the open segment (without sealing: a restart cuts back to the last snapshot anyway). */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (activeChannel != null) {
        activeChannel.close();
        activeChannel = null;
        active = null;
      }
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
