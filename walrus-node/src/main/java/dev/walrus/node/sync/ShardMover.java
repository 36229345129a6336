package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverSubsetEncoder;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.SyncShardMessage;
import dev.walrus.core.messages.SyncShardRequest;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.api.SyncShardResponse;
import dev.walrus.node.committee.CommitteeService;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.ledger.NodeLedger;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.service.ShardGate;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new owner's side of an epoch change (protocol.md §5.5): for every shard gained, pulls the
 * slivers of already-certified blobs from the shard's previous owner with signed {@code sync_shard}
 * requests (verifying each sliver against the blob's metadata and persisting progress per shard
 * and axis), then scans for anything still missing — blobs the old owner did not have, or an owner
 * that is gone — and recovers it from the whole committee. When done it signals
 * {@code epoch_sync_done}. Writes to gained shards are accepted all along, and lost shards keep
 * serving reads until they are dropped one epoch later.
 */
public final class ShardMover implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardMover.class);
  private static final byte[] SYNC_EPOCH_KEY = "sync-epoch".getBytes(StandardCharsets.UTF_8);
  private static final int PAGE = 1000;
  /** Metadata fetches in flight while a page is checked. */
  private static final int METADATA_IN_FLIGHT = 16;
  private static final Duration MAX_WAIT_FOR_RECOVERY = Duration.ofMinutes(30);

  private final NodeContext node;
  private final CommitteeService committees;
  private final ShardGate gate;
  private final Peers peers;
  private final SliverFetcher fetcher;
  private final BlobSyncer syncer;
  private final NodeLedger ledger;
  private final RecoveryBudget budget;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("shard-mover").factory());
  /** The last epoch whose shard sync this node signalled done (or found done at start-up). */
  private volatile int syncedEpoch = -1;

  public ShardMover(NodeContext node, CommitteeService committees, ShardGate gate, Peers peers, SliverFetcher fetcher,
      BlobSyncer syncer, NodeLedger ledger, RecoveryBudget budget) {
    this.node = node;
    this.committees = committees;
    this.gate = gate;
    this.peers = peers;
    this.fetcher = fetcher;
    this.syncer = syncer;
    this.ledger = ledger;
    this.budget = budget;
  }

  /** At start-up: finish an epoch change that a restart interrupted, and fill any gaps. */
  public void resume() {
    Optional<Integer> pending = node.store().get(Table.NODE_STATE, SYNC_EPOCH_KEY).map(v -> ByteBuffer.wrap(v).getInt());
    if (pending.isPresent()) {
      onEpochChangeStart(pending.get());
    } else {
      syncedEpoch = node.committee().epoch();
      worker.execute(() -> scanForMissing(node.committee().ownShards()));
    }
  }

  /**
   * The last epoch whose shard sync this node signalled done: until then the shards it gained in
   * that epoch count as syncing on the ledger (spec/challenges.md §7.4).
   */
  public int syncedEpoch() {
    return syncedEpoch;
  }

  public void onEpochChangeStart(int epoch) {
    worker.execute(() -> {
      try {
        change(epoch);
      } catch (RuntimeException e) {
        LOG.error("epoch change to {} failed", epoch, e);
      }
    });
  }

  private void change(int epoch) {
    Committees c = committees.refresh();
    if (c.epoch() != epoch) {
      LOG.info("skipping the shard sync of epoch {}: the ledger is already in epoch {}", epoch, c.epoch());
      clearPending(epoch);
      scanForMissing(c.ownShards());
      return;
    }
    try (Batch batch = node.store().batch()) {
      batch.put(Table.NODE_STATE, SYNC_EPOCH_KEY, ByteBuffer.allocate(4).putInt(epoch).array());
      batch.commit();
    }
    Set<Integer> gained = new TreeSet<>(c.ownShards());
    gained.removeAll(c.previousShards());
    LOG.info("epoch {}: owns {} shards, {} of them new", epoch, c.ownShards().size(), gained.size());
    // One call for all: RocksDB rewrites its options file per column-family change.
    node.store().createShards(gained.stream().filter(shard -> !node.store().hasShard(shard)).toList());
    List<Integer> recovered = new ArrayList<>();
    for (int shard : gained) {
      Optional<Member> from = c.previousOwner(shard).filter(m -> !m.publicKey().equals(c.self()));
      if (from.isEmpty()) {
        continue;
      }
      gate.set(shard, dev.walrus.node.service.ShardGate.State.IN_TRANSFER);
      boolean pulled = true;
      for (SliverType type : SliverType.values()) {
        pulled &= pull(c, shard, type, from.get());
      }
      gate.set(shard, pulled ? ShardGate.State.READY : ShardGate.State.IN_RECOVERY);
      if (!pulled) {
        recovered.add(shard);
      }
    }
    // Only the gained shards hold up epoch_sync_done; gaps elsewhere are healed in the background.
    awaitRecovery(scanForMissing(gained));
    // Only a member of the epoch's committee signals (a node registered but not yet chosen would
    // be refused, and an operator would read the refusal as a fault).
    if (c.selfIn(c.current()).isPresent() && ledger.epochSyncDone(epoch, recovered)) {
      LOG.info("signalled epoch_sync_done for epoch {}{}", epoch,
          recovered.isEmpty() ? "" : " (shards " + recovered + " rebuilt, not received)");
    }
    syncedEpoch = Math.max(syncedEpoch, epoch);
    for (int shard : c.ownShards()) {
      gate.set(shard, ShardGate.State.READY);
    }
    clearPending(epoch);
    dropOldShards(c);
    scanForMissing(c.ownShards());
  }

  /** Pulls one axis of one shard; false if the previous owner could not be used (recovery takes over). */
  private boolean pull(Committees c, int shard, SliverType type, Member from) {
    BlobId start = progress(shard, type).orElse(BlobId.of(new byte[32]));
    long pulled = 0;
    // The next page is requested while the current one is checked and written.
    CompletableFuture<Optional<SyncShardResponse>> pending = requestPage(c, shard, type, from, start);
    while (true) {
      Optional<SyncShardResponse> page = pending.join();
      if (page.isEmpty()) {
        return false;
      }
      List<SyncShardResponse.Entry> entries = page.get().entries();
      BlobId last = entries.isEmpty() ? null : entries.getLast().blobId();
      // Pages are bounded by bytes as well as by count (ShardSyncService), so only an empty page
      // ends the shard.
      Optional<BlobId> after = last == null ? Optional.empty() : next(last);
      if (after.isPresent()) {
        pending = requestPage(c, shard, type, from, after.get());
      }
      try {
        pulled += store(c, shard, type, from, entries, last);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (after.isEmpty()) {
        LOG.info("pulled {} {} slivers of shard {} from {}", pulled, type.urlName(), shard, from.networkAddress());
        return true;
      }
    }
  }

  /** One page of {@code sync_shard}, asked up to three times; empty if the previous owner cannot be used. */
  private CompletableFuture<Optional<SyncShardResponse>> requestPage(Committees c, int shard, SliverType type,
      Member from, BlobId start) {
    CompletableFuture<Optional<SyncShardResponse>> result = new CompletableFuture<>();
    Thread.ofVirtual().name("sync-shard-page").start(() -> {
      for (int failures = 0; ; ) {
        try {
          SyncShardRequest request = new SyncShardRequest(shard, type, start, PAGE, c.epoch());
          SignedMessage<SyncShardMessage> signed = SignedMessage.sign(node.protocolKey(), new SyncShardMessage(c.epoch(), request));
          result.complete(Optional.of(peers.call(from, client -> client.syncShard(signed, node.protocolKey().publicKey()))));
          return;
        } catch (RuntimeException e) {
          if (++failures >= 3) {
            LOG.warn("cannot pull shard {} ({}) from {}: {}; recovering it instead", shard, type.urlName(),
                from.networkAddress(), e.getMessage());
            result.complete(Optional.empty());
            return;
          }
          sleep(Duration.ofSeconds(failures));
        }
      }
    });
    return result;
  }

  /**
   * Checks a page's slivers against their blobs' metadata (fetched, several at once, for blobs this
   * node has none of) and writes the good ones with the shard's progress; returns how many it wrote.
   */
  private long store(Committees c, int shard, SliverType type, Member from, List<SyncShardResponse.Entry> entries,
      BlobId last) throws InterruptedException {
    int n = c.nShards();
    EncodingConfig config = c.encoding();
    List<SyncShardResponse.Entry> wanted = new ArrayList<>();
    for (SyncShardResponse.Entry entry : entries) {
      BlobState state = node.blobs().get(entry.blobId());
      if (!state.certifiedAt(c.epoch()) || node.store().hasSliver(shard, type, entry.blobId())) {
        continue;
      }
      if (entry.sliver().pairIndex(n) != entry.blobId().pairForShard(shard, n) || entry.sliver().type() != type) {
        continue;
      }
      wanted.add(entry);
    }
    Map<BlobId, BlobMetadata> metadata = metadata(c, wanted);
    // Slivers of blobs of one symbol size are expanded and hashed together.
    Map<Integer, List<SyncShardResponse.Entry>> bySymbolSize = new TreeMap<>();
    for (SyncShardResponse.Entry entry : wanted) {
      BlobMetadata m = metadata.get(entry.blobId());
      if (m == null) {
        continue;
      }
      SliverData sliver = entry.sliver();
      if (sliver.symbolSize() != config.symbolSize(m.unencodedLength()) || sliver.symbolCount() != config.sourceSymbols(type)) {
        LOG.warn("{} sent a {} sliver of {} of the wrong size for shard {}", from.networkAddress(), type.urlName(),
            entry.blobId(), shard);
        continue;
      }
      bySymbolSize.computeIfAbsent(sliver.symbolSize(), k -> new ArrayList<>()).add(entry);
    }
    SliverSubsetEncoder hasher = new SliverSubsetEncoder(config);
    List<SyncShardResponse.Entry> good = new ArrayList<>();
    for (List<SyncShardResponse.Entry> group : bySymbolSize.values()) {
      List<Node> hashes = budget.cpu(() -> hasher.hashes(group.stream().map(SyncShardResponse.Entry::sliver).toList()));
      for (int i = 0; i < group.size(); i++) {
        SyncShardResponse.Entry entry = group.get(i);
        Node expected = metadata.get(entry.blobId()).hashes().get(entry.sliver().pairIndex(n)).hash(type);
        if (hashes.get(i).equals(expected)) {
          good.add(entry);
        } else {
          LOG.warn("{} sent a bad {} sliver of {} for shard {}", from.networkAddress(), type.urlName(), entry.blobId(), shard);
        }
      }
    }
    try (Batch batch = node.store().batch()) {
      for (SyncShardResponse.Entry entry : good) {
        if (!node.store().hasMetadata(entry.blobId())) {
          batch.putMetadata(entry.blobId(), metadata.get(entry.blobId()));
        }
        batch.putSliver(shard, entry.blobId(), entry.sliver());
      }
      if (last != null) {
        batch.put(Table.SHARD_STATE, progressKey(shard, type), last.bytes());
      }
      batch.commit();
    }
    return good.size();
  }

  /** The metadata of the entries' blobs: stored ones, and the others fetched from peers, several at once. */
  private Map<BlobId, BlobMetadata> metadata(Committees c, List<SyncShardResponse.Entry> entries) {
    Map<BlobId, BlobMetadata> out = new ConcurrentHashMap<>();
    List<BlobId> toFetch = new ArrayList<>();
    for (SyncShardResponse.Entry entry : entries) {
      Optional<BlobMetadata> stored = node.store().metadata(entry.blobId());
      if (stored.isPresent()) {
        out.put(entry.blobId(), stored.get());
      } else {
        toFetch.add(entry.blobId());
      }
    }
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(METADATA_IN_FLIGHT, toFetch.size()); w++) {
        pool.execute(() -> {
          for (int i; (i = next.getAndIncrement()) < toFetch.size(); ) {
            BlobId id = toFetch.get(i);
            fetcher.metadata(c, id).ifPresent(m -> out.put(id, m));
          }
        });
      }
    }
    return out;
  }

  /** Every certified blob missing a sliver of {@code shards} goes to the recovery queue; returns them. */
  private Set<BlobId> scanForMissing(Set<Integer> shards) {
    Committees c = node.committee();
    Set<BlobId> queued = new java.util.HashSet<>();
    if (shards.isEmpty()) {
      return queued;
    }
    for (BlobId blobId : node.blobs().blobIds()) {
      BlobState state = node.blobs().get(blobId);
      if (!state.certifiedAt(c.epoch())) {
        continue;
      }
      boolean missing = !node.store().hasMetadata(blobId);
      for (int shard : shards) {
        if (missing) {
          break;
        }
        for (SliverType type : SliverType.values()) {
          if (!node.store().hasSliver(shard, type, blobId)) {
            missing = true;
            break;
          }
        }
      }
      if (missing) {
        syncer.enqueue(blobId);
        queued.add(blobId);
      }
    }
    if (!queued.isEmpty()) {
      LOG.info("{} certified blobs miss slivers of {} shards; recovering them", queued.size(), shards.size());
    }
    return queued;
  }

  private void awaitRecovery(Set<BlobId> blobs) {
    long deadline = System.nanoTime() + MAX_WAIT_FOR_RECOVERY.toNanos();
    while (blobs.stream().anyMatch(syncer::isQueued) && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(500));
    }
  }

  private void dropOldShards(Committees c) {
    for (int shard : node.store().shards()) {
      if (!c.ownShards().contains(shard) && !c.previousShards().contains(shard)) {
        node.store().dropShard(shard);
        gate.forget(shard);
        LOG.info("dropped shard {}, not owned for two epochs", shard);
      }
    }
  }

  private Optional<BlobId> progress(int shard, SliverType type) {
    return node.store().get(Table.SHARD_STATE, progressKey(shard, type)).map(BlobId::of);
  }

  private static byte[] progressKey(int shard, SliverType type) {
    return dev.walrus.node.store.NodeStore.shardStateKey(shard, "sync-progress-" + type.urlName());
  }

  private void clearPending(int epoch) {
    try (Batch batch = node.store().batch()) {
      batch.delete(Table.NODE_STATE, SYNC_EPOCH_KEY);
      for (int shard : node.committee().ownShards()) {
        for (SliverType type : SliverType.values()) {
          batch.delete(Table.SHARD_STATE, progressKey(shard, type));
        }
      }
      batch.commit();
    }
  }

  /** The blob ID right after {@code id} in byte order (the next page starts there); none after the last. */
  static Optional<BlobId> next(BlobId id) {
    byte[] b = id.bytes();
    for (int i = b.length - 1; i >= 0; i--) {
      if (++b[i] != 0) {
        return Optional.of(BlobId.of(b));
      }
    }
    return Optional.empty();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
