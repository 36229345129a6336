package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-healing (protocol.md §5.3): after a blob is certified, makes sure this node holds its
 * metadata and both slivers of every shard it owns, rebuilding what is missing from other nodes.
 * A blob whose encoding proves inconsistent is handed to the invalidation flow.
 *
 * <p>The work list is the persistent {@code pending_sync} table (written in the same batch as the
 * certification event, deleted when a blob is done), so a restart resumes it. At most {@link
 * #WINDOW} blobs are held in memory ({@link RecoveryQueue}); the rest wait in the table and are
 * read back, in blob-ID order, whenever the queue drains below half. A fixed set of workers takes
 * the blobs that are due; a failed attempt comes back after an exponential back-off.
 *
 * <p>A node missing many slivers of a blob rebuilds the blob from a few primary slivers and keeps
 * its own re-encoded slivers ({@link WholeBlobRecovery}); otherwise, and for own slivers that do
 * not match the metadata, slivers are rebuilt from recovery symbols asked of each peer in a few
 * batched requests ({@link SliverFetcher#recover}). CPU-heavy steps run under the {@link
 * RecoveryBudget}, so API requests pre-empt recovery.
 *
 * <p>As it goes it keeps {@link MissingSlivers}: per shard, the slivers it knows are missing and
 * has not rebuilt, which the challenge service reads to report the node's own losses.
 */
public final class BlobSyncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlobSyncer.class);
  /** Blobs held in memory (waiting or in progress). */
  static final int WINDOW = 2048;
  /** Blobs whose missing slivers are tracked one by one (a few ints each); see {@link MissingSlivers}. */
  static final int TRACKED_BLOBS = 65_536;
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long REFILL_POLL_MILLIS = 200;
  private static final int WORKERS_PER_CORE = 4;

  private final NodeContext node;
  private final SliverFetcher fetcher;
  private final SymbolService symbols;
  private final RecoveryBudget budget;
  private final Consumer<InconsistencyFound> onInconsistent;
  private final long firstDelayNanos;
  private final int workerCount;
  private final RecoveryQueue queue = new RecoveryQueue(WINDOW);
  private final MissingSlivers missing = new MissingSlivers(TRACKED_BLOBS);
  /** Whether the table may hold blobs the queue does not (it was full, or at start-up). */
  private final AtomicBoolean tableAhead = new AtomicBoolean();
  private final Object refillSignal = new Object();
  /** The first key byte the next scan of the table starts at: scans resume where the last stopped. */
  private int scanBucket;
  private final List<Thread> threads = new ArrayList<>();
  private final Counter recovered;
  private final Counter completed;
  private final Counter rebuiltWhole;
  private volatile boolean closed;
  /** Test fault only ({@code lose}): workers take no blob while set. */
  private volatile boolean held;

  public BlobSyncer(NodeContext node, SliverFetcher fetcher, SymbolService symbols, RecoveryBudget budget, int workers,
      Duration firstDelay, Consumer<InconsistencyFound> onInconsistent, MeterRegistry metrics) {
    this.node = node;
    this.fetcher = fetcher;
    this.symbols = symbols;
    this.budget = budget;
    this.onInconsistent = onInconsistent;
    this.firstDelayNanos = firstDelay.toNanos();
    // Recovery is CPU-bound once a blob is read: a few blobs per core keep the cores busy, more only
    // add memory and requests that compete with the API's.
    this.workerCount = Math.max(1, Math.min(workers, WORKERS_PER_CORE * Runtime.getRuntime().availableProcessors()));
    this.recovered = Counter.builder("walrus.node.slivers.recovered").register(metrics);
    this.completed = Counter.builder("walrus.node.blob.syncs.completed").register(metrics);
    this.rebuiltWhole = Counter.builder("walrus.node.blob.syncs.whole")
        .description("blob syncs that rebuilt the whole blob").register(metrics);
    Gauge.builder("walrus.node.slivers.missing", missing,
            m -> m.perShard().values().stream().mapToLong(Integer::longValue).sum())
        .description("slivers of own shards recovery knows are missing and has not rebuilt").register(metrics);
    Gauge.builder("walrus.node.recovery.queue", queue, RecoveryQueue::size)
        .description("blobs held in memory waiting for or in recovery").register(metrics);
  }

  /** Starts the workers and resumes the persisted work list (at start-up). */
  public synchronized void resume() {
    if (!threads.isEmpty() || closed) {
      return;
    }
    tableAhead.set(true);
    for (int i = 0; i < workerCount; i++) {
      threads.add(Thread.ofVirtual().name("blob-sync-" + i).start(this::work));
    }
    threads.add(Thread.ofVirtual().name("blob-sync-refill").start(this::refill));
  }

  /** A certified blob to check (after the usual delay that lets a live upload finish). */
  public void schedule(BlobId blobId) {
    offer(blobId, firstDelayNanos);
  }

  /**
   * Adds a blob that lost slivers to the persistent work list now (the scan after a shard change,
   * a sliver found lost on disk), and records which of its slivers are missing.
   */
  public void enqueue(BlobId blobId) {
    try (Batch batch = node.store().batch()) {
      batch.put(Table.PENDING_SYNC, blobId.bytes(), new byte[8]);
      batch.commit();
    }
    Committees committees = node.committee();
    if (node.blobs().get(blobId).certifiedAt(committees.epoch())) {
      missing.set(blobId, keys(blobId, missingTargets(committees, blobId, false), committees.nShards()));
    }
    offer(blobId, 0);
  }

  /** What recovery knows this node's shards miss. */
  public MissingSlivers missing() {
    return missing;
  }

  /**
   * Test fault only: while held, recovery rebuilds nothing (models a node whose recovery cannot
   * finish in time); losses are still recorded.
   */
  public void hold(boolean hold) {
    if (held != hold) {
      LOG.warn("FAULT: recovery {}", hold ? "held back" : "released");
    }
    held = hold;
  }

  private void offer(BlobId blobId, long delayNanos) {
    if (closed) {
      return;
    }
    if (!queue.offer(blobId, System.nanoTime() + delayNanos, FIRST_BACKOFF_NANOS)) {
      tableAhead.set(true); // persisted already: a later scan of the table picks it up
    }
  }

  /** Blobs held in memory, waiting or in progress. */
  public int queued() {
    return queue.size();
  }

  /** Whether the blob still needs work: held in memory or waiting in the persistent list. */
  public boolean isQueued(BlobId blobId) {
    return queue.contains(blobId) || node.store().get(Table.PENDING_SYNC, blobId.bytes()).isPresent();
  }

  public void cancel(BlobId blobId) {
    queue.cancel(blobId);
    missing.forget(blobId);
  }

  private void work() {
    while (!closed) {
      BlobId blobId;
      try {
        blobId = queue.take();
        while (held && !closed) {
          Thread.sleep(REFILL_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      }
      boolean done = false;
      try {
        budget.admit();
        done = sync(blobId);
      } catch (InterruptedException e) {
        return;
      } catch (InconsistencyFound e) {
        LOG.warn("blob {} is inconsistent: {}", blobId, e.getMessage());
        onInconsistent.accept(e);
        done = true;
      } catch (RuntimeException e) {
        LOG.warn("syncing blob {} failed: {}", blobId, e.toString());
      }
      if (queue.cancelled(blobId)) {
        queue.done(blobId);
        missing.forget(blobId);
      } else if (done) {
        finish(blobId);
      } else {
        long delay = queue.retry(blobId, MAX_BACKOFF_NANOS);
        LOG.debug("blob {} not fully recovered; trying again in {} ms", blobId, delay / 1_000_000);
      }
      if (queue.size() <= WINDOW / 2 && tableAhead.get()) {
        synchronized (refillSignal) {
          refillSignal.notifyAll();
        }
      }
    }
  }

  /** Reads blobs back from the persistent list into the queue whenever the queue has room for them. */
  private void refill() {
    while (!closed) {
      try {
        synchronized (refillSignal) {
          refillSignal.wait(REFILL_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      }
      if (tableAhead.get() && queue.size() <= WINDOW / 2) {
        try {
          scanTable();
        } catch (RuntimeException e) {
          LOG.warn("reading the recovery work list failed: {}", e.toString());
        }
      }
    }
  }

  /** Offers blobs from the table, from {@link #scanBucket} on, until the queue is full or the table ends. */
  private void scanTable() {
    tableAhead.set(false);
    long now = System.nanoTime();
    boolean[] full = {false};
    for (int bucket = scanBucket; bucket < 256 && !full[0] && !closed; bucket++) {
      node.store().forEach(Table.PENDING_SYNC, new byte[] {(byte) bucket}, (k, v) -> {
        if (k.length != BlobId.LENGTH) {
          return true;
        }
        if (!queue.offer(BlobId.of(k), now, FIRST_BACKOFF_NANOS)) {
          full[0] = true;
          return false;
        }
        return true;
      });
      if (full[0]) {
        scanBucket = bucket;
        tableAhead.set(true);
      }
    }
    if (!full[0]) {
      scanBucket = 0;
    }
  }

  private boolean tableEmpty() {
    boolean[] any = {false};
    node.store().forEach(Table.PENDING_SYNC, new byte[0], (k, v) -> {
      any[0] = true;
      return false;
    });
    return !any[0];
  }

  private void finish(BlobId blobId) {
    if (queue.finishOrRunAgain(blobId)) {
      return; // asked for again while it ran (a sliver found lost meanwhile): its work-list row stays
    }
    missing.forget(blobId);
    try (Batch batch = node.store().batch()) {
      batch.delete(Table.PENDING_SYNC, blobId.bytes());
      batch.commit();
    }
    completed.increment();
    if (missing.hasUncounted() && queue.size() == 0 && !tableAhead.get() && tableEmpty()) {
      missing.workListDrained();
    }
  }

  /** One attempt; true when nothing is left to do for this blob. */
  private boolean sync(BlobId blobId) throws InterruptedException {
    Committees committees = node.committee();
    BlobState state = node.blobs().get(blobId);
    if (!state.certifiedAt(committees.epoch())) {
      return true;
    }
    Optional<BlobMetadata> metadata = metadata(committees, blobId);
    if (metadata.isEmpty()) {
      return false;
    }
    int n = committees.nShards();
    List<Target> missing = missingTargets(committees, blobId, true);
    this.missing.set(blobId, keys(blobId, missing, n));
    if (missing.isEmpty()) {
      return true;
    }
    EncodingConfig config = committees.encoding();
    List<Target> remaining = missing;
    long heap = WholeBlobRecovery.heapBytes(config, metadata.get().unencodedLength());
    if (WholeBlobRecovery.worthIt(config, metadata.get(), missing.size()) && budget.fits(heap)) {
      Optional<WholeBlobRecovery.Outcome> outcome;
      try (RecoveryBudget.Reservation reserved = budget.memory(heap)) {
        outcome = fetcher.wholeBlob().rebuild(committees, blobId, metadata.get(), missing, budget);
      }
      if (outcome.isPresent()) {
        store(blobId, n, outcome.get().matched());
        rebuiltWhole.increment();
        remaining = outcome.get().unmatched();
        if (!remaining.isEmpty()) {
          LOG.warn("{} of the slivers blob {} re-encodes to do not match its metadata; recovering them from symbols",
              remaining.size(), blobId);
        }
      }
    }
    if (remaining.isEmpty()) {
      this.missing.set(blobId, new int[0]);
      return true;
    }
    this.missing.set(blobId, keys(blobId, remaining, n));
    List<Target> targets = remaining;
    Map<Target, List<RecoverySymbol>> local = budget.cpu(() -> {
      Map<Target, List<RecoverySymbol>> symbolsHere = new HashMap<>();
      for (Target t : targets) {
        symbolsHere.put(t, localSymbols(blobId, t));
      }
      return symbolsHere;
    });
    Map<Target, SliverData> rebuilt = fetcher.recover(committees, blobId, metadata.get(), remaining, local, budget);
    store(blobId, n, List.copyOf(rebuilt.values()));
    this.missing.set(blobId, keys(blobId, remaining.stream().filter(t -> !rebuilt.containsKey(t)).toList(), n));
    return rebuilt.size() == remaining.size();
  }

  /** The slivers of this node's shards the store lacks for {@code blobId}; {@code create} adds missing shards. */
  private List<Target> missingTargets(Committees committees, BlobId blobId, boolean create) {
    int n = committees.nShards();
    List<Target> out = new ArrayList<>();
    for (int shard : committees.ownShards()) {
      if (!node.store().hasShard(shard)) {
        if (!create) {
          continue;
        }
        node.store().createShard(shard);
      }
      int pair = blobId.pairForShard(shard, n);
      for (SliverType type : SliverType.values()) {
        if (!node.store().hasSliver(shard, type, blobId)) {
          out.add(Target.of(type, pair, n));
        }
      }
    }
    return out;
  }

  private static int[] keys(BlobId blobId, List<Target> targets, int n) {
    return targets.stream().mapToInt(t -> MissingSlivers.key(t.shard(blobId, n), t.type())).toArray();
  }

  /** The blob's metadata: stored, or fetched from a peer (verified) and stored. */
  private Optional<BlobMetadata> metadata(Committees committees, BlobId blobId) {
    Optional<BlobMetadata> stored = node.store().metadata(blobId);
    if (stored.isPresent()) {
      return stored;
    }
    Optional<BlobMetadata> fetched = fetcher.metadata(committees, blobId);
    fetched.ifPresent(m -> {
      try (Batch batch = node.store().batch()) {
        batch.putMetadata(blobId, m);
        batch.commit();
      }
    });
    return fetched;
  }

  private void store(BlobId blobId, int n, List<SliverData> slivers) {
    if (slivers.isEmpty()) {
      return;
    }
    try (Batch batch = node.store().batch()) {
      for (SliverData s : slivers) {
        batch.putSliver(blobId.shardForPair(s.pairIndex(n), n), blobId, s);
      }
      batch.commit();
    }
    recovered.increment(slivers.size());
  }

  private List<RecoverySymbol> localSymbols(BlobId blobId, Target t) {
    try {
      return symbols.recoverySymbolsFor(blobId, t.index(), t.type(), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    closed = true;
    List<Thread> running;
    synchronized (this) {
      running = List.copyOf(threads);
    }
    running.forEach(Thread::interrupt);
    for (Thread t : running) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
