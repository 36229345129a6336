package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.InconsistentBlobException;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.service.SymbolService;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore.Table;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-healing (protocol.md §5.3): after a blob is certified, makes sure this node holds its
 * metadata and both slivers of every shard it owns, rebuilding what is missing from other nodes'
 * recovery symbols. The work list is persistent (the {@code pending_sync} table, written in the
 * same batch as the certification event), so a restart resumes it; attempts are bounded in
 * concurrency and retried with exponential back-off. A blob whose symbols prove it inconsistent is
 * handed to the invalidation flow.
 *
 * <p>A node missing many slivers of a small blob (it owns many shards) reads and re-encodes the
 * whole blob instead ({@link WholeBlobRecovery}); otherwise each sliver is rebuilt from symbols,
 * several at once.
 */
public final class BlobSyncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlobSyncer.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final int SLIVERS_IN_FLIGHT = 64;
  private static final int MAX_SLIVERS_PER_BLOB = 32;

  private final NodeContext node;
  private final SliverFetcher fetcher;
  private final SymbolService symbols;
  private final Consumer<InconsistencyFound> onInconsistent;
  private final Duration firstDelay;
  private final Semaphore permits;
  /**
   * Sliver recoveries in flight across all blobs. A blob takes its share in one fair acquisition,
   * so a node missing many slivers per blob works through blobs nearly one at a time: the peers
   * then serve symbols for a few blobs at once, whose expanded slivers stay in their caches.
   * Interleaving a hundred blobs made every peer re-expand its slivers for each request.
   */
  private final Semaphore sliverBudget = new Semaphore(SLIVERS_IN_FLIGHT, true);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("blob-sync-timer").factory());
  private final Map<BlobId, Duration> scheduled = new ConcurrentHashMap<>();
  private final Counter recovered;
  private final Counter completed;
  private final Counter rebuiltWhole;
  private volatile boolean closed;

  public BlobSyncer(NodeContext node, SliverFetcher fetcher, SymbolService symbols, int maxConcurrent,
      Duration firstDelay, Consumer<InconsistencyFound> onInconsistent, MeterRegistry metrics) {
    this.node = node;
    this.fetcher = fetcher;
    this.symbols = symbols;
    this.onInconsistent = onInconsistent;
    this.firstDelay = firstDelay;
    this.permits = new Semaphore(maxConcurrent);
    this.recovered = Counter.builder("walrus.node.slivers.recovered").register(metrics);
    this.completed = Counter.builder("walrus.node.blob.syncs.completed").register(metrics);
    this.rebuiltWhole = Counter.builder("walrus.node.blob.syncs.whole")
        .description("blob syncs that read and re-encoded the whole blob").register(metrics);
    Gauge.builder("walrus.node.recovery.queue", scheduled, Map::size)
        .description("blobs waiting for or in recovery").register(metrics);
  }

  /** Resumes the persisted work list (at start-up). */
  public void resume() {
    node.store().forEach(Table.PENDING_SYNC, new byte[0], (k, v) -> {
      schedule(BlobId.of(k), Duration.ZERO);
      return true;
    });
  }

  /** A certified blob to check (after the usual delay that lets a live upload finish). */
  public void schedule(BlobId blobId) {
    schedule(blobId, firstDelay);
  }

  /** Adds a blob to the persistent work list now (used by the scan after a shard change). */
  public void enqueue(BlobId blobId) {
    try (Batch batch = node.store().batch()) {
      batch.put(Table.PENDING_SYNC, blobId.bytes(), new byte[8]);
      batch.commit();
    }
    schedule(blobId, Duration.ZERO);
  }

  public int queued() {
    return scheduled.size();
  }

  public boolean isQueued(BlobId blobId) {
    return scheduled.containsKey(blobId);
  }

  public void cancel(BlobId blobId) {
    scheduled.remove(blobId);
  }

  private void schedule(BlobId blobId, Duration delay) {
    if (closed || scheduled.putIfAbsent(blobId, Duration.ofSeconds(1)) != null) {
      return;
    }
    timer.schedule(() -> start(blobId), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void start(BlobId blobId) {
    if (closed || !scheduled.containsKey(blobId)) {
      return;
    }
    Thread.ofVirtual().name("blob-sync").start(() -> {
      boolean done = false;
      try {
        permits.acquire();
        try {
          done = !scheduled.containsKey(blobId) || sync(blobId);
        } finally {
          permits.release();
        }
      } catch (InterruptedException e) {
        return;
      } catch (InconsistencyFound e) {
        LOG.warn("blob {} is inconsistent: {}", blobId, e.getMessage());
        onInconsistent.accept(e);
        done = true;
      } catch (RuntimeException e) {
        LOG.warn("syncing blob {} failed: {}", blobId, e.toString());
      }
      if (done) {
        finish(blobId);
      } else {
        retry(blobId);
      }
    });
  }

  private void retry(BlobId blobId) {
    Duration backoff = scheduled.computeIfPresent(blobId, (k, d) -> d.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d.multipliedBy(2));
    if (backoff != null && !closed) {
      timer.schedule(() -> start(blobId), backoff.toMillis() / 2, TimeUnit.MILLISECONDS);
    }
  }

  private void finish(BlobId blobId) {
    scheduled.remove(blobId);
    try (Batch batch = node.store().batch()) {
      batch.delete(Table.PENDING_SYNC, blobId.bytes());
      batch.commit();
    }
    completed.increment();
  }

  /** One attempt; true when nothing is left to do for this blob. */
  private boolean sync(BlobId blobId) throws InterruptedException {
    Committees committees = node.committee();
    BlobState state = node.blobs().get(blobId);
    if (!state.certifiedAt(committees.epoch())) {
      return true;
    }
    Optional<BlobMetadata> stored = node.store().metadata(blobId);
    BlobMetadata metadata;
    if (stored.isPresent()) {
      metadata = stored.get();
    } else {
      Optional<BlobMetadata> fetched = fetcher.metadata(committees, blobId);
      if (fetched.isEmpty()) {
        return false;
      }
      metadata = fetched.get();
      try (Batch batch = node.store().batch()) {
        batch.putMetadata(blobId, metadata);
        batch.commit();
      }
    }
    int n = committees.nShards();
    List<MissingSliver> missing = new ArrayList<>();
    for (int shard : committees.ownShards()) {
      if (!node.store().hasShard(shard)) {
        node.store().createShard(shard);
      }
      int pair = blobId.pairForShard(shard, n);
      for (SliverType type : SliverType.values()) {
        if (!node.store().hasSliver(shard, type, blobId)) {
          missing.add(new MissingSliver(shard, type, pair, type == SliverType.PRIMARY ? pair : n - 1 - pair));
        }
      }
    }
    if (missing.isEmpty()) {
      return true;
    }
    int workers = Math.min(missing.size(), MAX_SLIVERS_PER_BLOB);
    sliverBudget.acquire(workers);
    try {
      if (WholeBlobRecovery.worthIt(metadata, missing.size(), n) && rebuildWhole(committees, blobId, metadata, missing)) {
        return true;
      }
      return recover(committees, blobId, metadata, missing, workers);
    } finally {
      sliverBudget.release(workers);
    }
  }

  private record MissingSliver(int shard, SliverType type, int pair, int index) {}

  /** Stores the missing slivers from the re-encoded blob; false if it could not be rebuilt. */
  private boolean rebuildWhole(Committees committees, BlobId blobId, BlobMetadata metadata, List<MissingSliver> missing)
      throws InterruptedException {
    Optional<EncodedBlob> encoded = fetcher.wholeBlob().rebuild(committees, blobId, metadata);
    if (encoded.isEmpty()) {
      return false;
    }
    try (Batch batch = node.store().batch()) {
      for (MissingSliver m : missing) {
        batch.putSliver(m.shard(), blobId, encoded.get().sliver(m.type(), m.pair()));
      }
      batch.commit();
    }
    recovered.increment(missing.size());
    rebuiltWhole.increment();
    return true;
  }

  /**
   * Rebuilds {@code missing} with {@code workers} recoveries in flight; true if all were stored.
   * Stops early at the first proof that the blob is inconsistent.
   */
  private boolean recover(Committees committees, BlobId blobId, BlobMetadata metadata, List<MissingSliver> missing,
      int workers) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean complete = new AtomicBoolean(true);
    AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < workers; w++) {
        pool.execute(() -> {
          for (int i; fatal.get() == null && (i = next.getAndIncrement()) < missing.size(); ) {
            MissingSliver m = missing.get(i);
            try {
              SliverData sliver = fetcher.recover(committees, blobId, metadata, m.type(), m.index(),
                  localSymbols(blobId, m.type(), m.index()));
              try (Batch batch = node.store().batch()) {
                batch.putSliver(m.shard(), blobId, sliver);
                batch.commit();
              }
              recovered.increment();
            } catch (InconsistentBlobException e) {
              fatal.compareAndSet(null, e.proof().isEmpty() ? e
                  : new InconsistencyFound(blobId, e.proof().get(), e.getMessage()));
            } catch (RuntimeException e) {
              LOG.debug("recovering {} sliver {} of {}: {}", m.type().urlName(), m.index(), blobId, e.getMessage());
              complete.set(false);
            }
          }
        });
      }
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    return complete.get();
  }

  private List<RecoverySymbol> localSymbols(BlobId blobId, SliverType type, int index) {
    try {
      return symbols.recoverySymbolsFor(blobId, index, type, Optional.empty());
    } catch (RuntimeException | InterruptedException e) {
      return new ArrayList<>();
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
  }
}
