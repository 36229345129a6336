package dev.walrus.node.gc;

import dev.walrus.core.BlobId;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.node.events.EventApplier;
import dev.walrus.node.state.BlobStates;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.store.NodeStore.Table;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the data of blobs whose storage has run out (protocol.md §5.6). When epoch {@code e}
 * starts, every blob whose objects all ended by {@code e} loses its metadata, slivers and pending
 * recovery; records of ended objects are removed; metadata left without any object (an
 * interrupted upload of a deleted blob) goes too. Deletion of a deleted or invalidated blob is
 * not waited for: the event itself drops it.
 *
 * <p>Each pass starts after a delay derived from the node's key and the epoch (at most {@code
 * maxDelay}), so the nodes of a network do not all scan their stores at the same moment, and
 * the same node picks the same delay after a restart. The epoch of the last started and last
 * completed pass are stored (keys {@code started} / {@code completed}), so a pass cut short by a
 * crash is run again at start-up. Blob checks and deletions go through {@link
 * EventApplier#collect}, which excludes concurrent event application: a blob re-registered while
 * the pass runs keeps its data.
 */
public final class GarbageCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  static final byte[] STARTED = "started".getBytes(StandardCharsets.UTF_8);
  static final byte[] COMPLETED = "completed".getBytes(StandardCharsets.UTF_8);
  private static final int METADATA_PAGE = 512;

  private final NodeStore store;
  private final BlobStates blobs;
  private final EventApplier applier;
  private final byte[] nodeKey;
  private final Duration maxDelay;
  private final Consumer<BlobId> onDropped;
  private final Counter blobsDropped;
  private final Object lock = new Object();
  private int requestedEpoch = -1;
  private Thread worker;
  private volatile boolean closed;

  /**
   * @param nodeKey bytes unique to the node (its public key), to spread passes over time
   * @param onDropped told of each blob whose data was deleted (to cancel recovery, drop caches)
   */
  public GarbageCollector(NodeStore store, BlobStates blobs, EventApplier applier, byte[] nodeKey, Duration maxDelay,
      Consumer<BlobId> onDropped, MeterRegistry metrics) {
    this.store = store;
    this.blobs = blobs;
    this.applier = applier;
    this.nodeKey = nodeKey.clone();
    this.maxDelay = maxDelay;
    this.onDropped = onDropped;
    this.blobsDropped = Counter.builder("walrus.node.gc.blobs.deleted")
        .description("blobs whose data the garbage collector deleted").register(metrics);
    Gauge.builder("walrus.node.gc.completed.epoch", this, GarbageCollector::completedEpoch)
        .description("the epoch of the last completed garbage collection pass").register(metrics);
  }

  /** The epoch of the last completed pass; -1 before the first. */
  public int completedEpoch() {
    return epochAt(COMPLETED);
  }

  /** At start-up: runs the pass of the node's current event epoch if it has not completed. */
  public void resume() {
    int epoch = applier.eventEpoch();
    if (epoch > 0 && completedEpoch() < epoch) {
      onEpochChangeStart(epoch);
    }
  }

  /** Schedules the pass of {@code epoch}; a newer epoch supersedes one still waiting. */
  public void onEpochChangeStart(int epoch) {
    synchronized (lock) {
      if (closed || epoch <= requestedEpoch) {
        return;
      }
      requestedEpoch = epoch;
      if (worker == null || !worker.isAlive()) {
        worker = Thread.ofVirtual().name("garbage-collector").start(this::work);
      }
    }
  }

  private void work() {
    int done = -1;
    while (!closed) {
      int epoch;
      synchronized (lock) {
        epoch = requestedEpoch;
        if (epoch == done) {
          worker = null;
          return;
        }
      }
      try {
        Thread.sleep(delay(epoch));
        if (epoch == requestedEpochNow()) {
          run(epoch);
        }
        done = epoch;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.error("garbage collection for epoch {} failed; it is retried at the next start or epoch", epoch, e);
        done = epoch;
      }
    }
  }

  private int requestedEpochNow() {
    synchronized (lock) {
      return requestedEpoch;
    }
  }

  /** One pass: every blob with object records, then metadata that has none. */
  void run(int epoch) {
    long t0 = System.nanoTime();
    store(STARTED, epoch);
    int[] dropped = {0};
    blobs.forEachBlobId(id -> {
      collect(id, epoch, dropped);
      return !closed;
    });
    BlobId from = BlobId.of(new byte[32]);
    while (!closed) {
      List<BlobId> page = store.metadataBlobIds(from, METADATA_PAGE);
      for (BlobId id : page) {
        if (blobs.get(id).objects().isEmpty()) {
          collect(id, epoch, dropped);
        }
      }
      if (page.size() < METADATA_PAGE) {
        break;
      }
      from = next(page.getLast());
    }
    if (closed) {
      return;
    }
    store(COMPLETED, epoch);
    LOG.info("garbage collection for epoch {}: {} blobs deleted in {} ms", epoch, dropped[0],
        (System.nanoTime() - t0) / 1_000_000);
  }

  private void collect(BlobId id, int epoch, int[] dropped) {
    if (applier.collect(id, epoch)) {
      dropped[0]++;
      blobsDropped.increment();
      onDropped.accept(id);
    }
  }

  /** The blob ID right after {@code id} in byte order (a scan restarts there). */
  private static BlobId next(BlobId id) {
    byte[] b = id.bytes().clone();
    for (int i = b.length - 1; i >= 0; i--) {
      if (++b[i] != 0) {
        break;
      }
    }
    return BlobId.of(b);
  }

  long delay(int epoch) {
    if (maxDelay.isZero() || maxDelay.isNegative()) {
      return 0;
    }
    byte[] seed = ByteBuffer.allocate(nodeKey.length + 4).put(nodeKey).putInt(epoch).array();
    long h = ByteBuffer.wrap(Blake2b256.digest(seed)).getLong();
    return Math.floorMod(h, maxDelay.toMillis() + 1);
  }

  private int epochAt(byte[] key) {
    return store.get(Table.GC, key).map(v -> ByteBuffer.wrap(v).getInt()).orElse(-1);
  }

  private void store(byte[] key, int epoch) {
    try (var batch = store.batch()) {
      batch.put(Table.GC, key, ByteBuffer.allocate(4).putInt(epoch).array());
      batch.commit();
    }
  }

  @Override
  public void close() {
    Thread w;
    synchronized (lock) {
      closed = true;
      w = worker;
    }
    if (w != null) {
      w.interrupt();
      try {
        w.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
