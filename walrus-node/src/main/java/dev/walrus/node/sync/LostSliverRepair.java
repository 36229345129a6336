package dev.walrus.node.sync;

import dev.walrus.node.service.NodeContext;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore.LostSliver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heals slivers whose bytes a read found lost or damaged on disk (a segment file cut short or
 * corrupted). Their index entries would otherwise stay, so every check that asks "is the sliver
 * stored?" would say yes and nothing would rebuild them. For each report this drops the entry and
 * hands the blob to the {@link BlobSyncer}, which rebuilds what the node's shards miss from its
 * peers.
 *
 * <p>Reports come from reading threads (client reads, challenges, recovery symbols for peers), so
 * taking one only queues it. The queue holds at most {@link #MAX_QUEUED} reports: a disk that
 * loses more at once is reported again by the next reads, and by the scan for missing slivers.
 */
public final class LostSliverRepair implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LostSliverRepair.class);
  static final int MAX_QUEUED = 4096;

  private final NodeContext node;
  private final BlobSyncer syncer;
  private final LinkedHashSet<LostSliver> queue = new LinkedHashSet<>();
  private final Counter lost;
  private final Thread worker;
  private volatile boolean closed;

  public LostSliverRepair(NodeContext node, BlobSyncer syncer, MeterRegistry metrics) {
    this.node = node;
    this.syncer = syncer;
    this.lost = Counter.builder("walrus.node.slivers.lost")
        .description("slivers found lost or damaged on disk and sent to recovery").register(metrics);
    this.worker = Thread.ofVirtual().name("lost-sliver-repair").unstarted(this::run);
  }

  public void start() {
    worker.start();
  }

  /** Queues a report (from any thread); a full queue drops it. */
  public void report(LostSliver sliver) {
    synchronized (queue) {
      if (closed || queue.size() >= MAX_QUEUED) {
        return;
      }
      if (queue.add(sliver)) {
        queue.notifyAll();
      }
    }
  }

  private void run() {
    while (!closed) {
      LostSliver next;
      synchronized (queue) {
        while (queue.isEmpty() && !closed) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        Iterator<LostSliver> it = queue.iterator();
        next = it.next();
        it.remove();
      }
      try {
        repair(next);
      } catch (RuntimeException e) {
        LOG.warn("could not drop the lost {} sliver of blob {} in shard {}: {}", next.type().urlName(),
            next.blobId(), next.shard(), e.toString());
      }
    }
  }

  private void repair(LostSliver sliver) {
    // Another read may have reported it already and recovery may have stored a good copy since:
    // only an entry whose bytes are still unreadable is dropped.
    if (!node.store().hasSliver(sliver.shard(), sliver.type(), sliver.blobId())
        || readable(sliver)) {
      return;
    }
    try (Batch batch = node.store().batch()) {
      batch.deleteSliver(sliver.shard(), sliver.type(), sliver.blobId());
      batch.commit();
    }
    lost.increment();
    LOG.warn("the {} sliver of blob {} in shard {} was lost on disk; recovering it from the committee",
        sliver.type().urlName(), sliver.blobId(), sliver.shard());
    syncer.enqueue(sliver.blobId());
  }

  private boolean readable(LostSliver sliver) {
    return node.store().sliverBcs(sliver.shard(), sliver.type(), sliver.blobId()).isPresent();
  }

  @Override
  public void close() {
    synchronized (queue) {
      closed = true;
      queue.clear();
      queue.notifyAll();
    }
  }
}
