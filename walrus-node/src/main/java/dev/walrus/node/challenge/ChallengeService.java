package dev.walrus.node.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.challenge.BeaconMessage;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.node.ledger.NodeLedger;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.store.Batch;
import dev.walrus.node.sync.BlobSyncer;
import dev.walrus.node.sync.Peers;
import dev.walrus.node.sync.SliverFetcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's part in each epoch's challenge (spec/challenges.md §6): on every poll of the
 * window it acks the beacon once the window opens, forces the seed if acks stall, starts
 * challenging its peers when the seed is out, and reports after the window closes, retrying
 * until the deadline. Before it acks, it reports its own shards that recovery cannot make whole
 * in time ({@link LossReporter}). The blackout and the prover serve the request path from the latest
 * snapshot. Ledger transactions and challenges run on their own threads, so a slow ledger or
 * peer never holds up the poll.
 */
public final class ChallengeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChallengeService.class);
  /** Expansions kept for proving: every challenger asks about the same few blobs and shards. */
  private static final long PROVER_CACHE_BYTES = 128L << 20;
  private static final long RETRY_MS = 2_000;

  private final NodeContext node;
  private final NodeLedger ledger;
  private final Peers peers;
  private final SliverFetcher fetcher;
  private final ChallengeSettings settings;
  private final LongSupplier clock;
  private final WindowTracker tracker;
  private final Blackout blackout;
  private final Prover prover;
  private final Challenger challenger;
  private final BlobSyncer syncer;
  private final LossReporter losses;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("challenge-poll").factory());
  /** One ledger transaction at a time (the wallet's sequence numbers); a virtual thread each for challenging. */
  private final ExecutorService transactions =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("challenge-tx").factory());
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final Counter fetchRefused;
  private final Counter fetchServed;
  private volatile EpochRun run = new EpochRun(-1, false);
  /** Test-only fault: whether this node already deleted its slivers. */
  private volatile boolean dropped;
  /** Test-only fault: whether this node already lost its slivers (and holds recovery back). */
  private volatile boolean lost;
  private volatile boolean txBusy;

  /**
   * @param syncer recovery, whose record of missing slivers decides the loss reports
   * @param syncedEpoch the last epoch whose shard sync this node signalled done
   */
  public ChallengeService(NodeContext node, NodeLedger ledger, LedgerClient client, Peers peers, SliverFetcher fetcher,
      BlobSyncer syncer, IntSupplier syncedEpoch, ChallengeSettings settings, MeterRegistry metrics) {
    this(node, ledger, client, peers, fetcher, syncer, syncedEpoch, settings, metrics, System::currentTimeMillis);
  }

  ChallengeService(NodeContext node, NodeLedger ledger, LedgerClient client, Peers peers, SliverFetcher fetcher,
      BlobSyncer syncer, IntSupplier syncedEpoch, ChallengeSettings settings, MeterRegistry metrics, LongSupplier clock) {
    this.node = node;
    this.syncer = syncer;
    this.losses = new LossReporter(node, ledger, syncer.missing(), syncedEpoch, settings, metrics);
    this.ledger = ledger;
    this.peers = peers;
    this.fetcher = fetcher;
    this.settings = settings;
    this.clock = clock;
    this.tracker = new WindowTracker(client, node.committees());
    this.blackout = new Blackout(tracker::current, (id, e) -> Blackout.eligible(node.blobs(), id, e), settings, clock);
    this.prover = new Prover(tracker, new ItemProver(node.store(), PROVER_CACHE_BYTES), clock, settings.proverSessions(),
        r -> {
          EpochRun current = run;
          if (current.epoch == r.epoch()) {
            current.received.add(r.challenger());
          }
        }, metrics);
    this.challenger = new Challenger(node.protocolKey(), peers, this::metadata, node.blobs(), settings, clock, metrics);
    this.fetchRefused = Counter.builder("walrus.node.challenge.fault.fetch").tag("outcome", "refused").register(metrics);
    this.fetchServed = Counter.builder("walrus.node.challenge.fault.fetch").tag("outcome", "served").register(metrics);
    if (settings.faults().any()) {
      LOG.warn("storage-challenge faults injected for testing: {}", settings.faults());
    }
  }

  public void start() {
    poller.scheduleWithFixedDelay(() -> {
      try {
        tracker.poll(this::onWindow);
      } catch (RuntimeException e) {
        LOG.warn("challenge poll failed", e);
      }
    }, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
  }

  public Blackout blackout() {
    return blackout;
  }

  /** {@code POST /v1/challenges/{epoch}}: the BCS {@code ChallengeResponse}. */
  public byte[] serve(long epoch, byte[] body) {
    return prover.serve(epoch, body);
  }

  /** The node's clock, for Retry-After. */
  public long now() {
    return clock.getAsLong();
  }

  private void onWindow(Window w) {
    EpochRun current = run;
    if (current.epoch != w.epoch()) {
      current = new EpochRun(w.epoch(), !w.seeded());
      run = current;
      prover.windowClosed();
    }
    long now = clock.getAsLong();
    losses.sample(now);
    maybeDrop(w, current, now);
    maybeLose(w, now);
    Optional<CommitteeView.Member> self = w.self();
    if (self.isEmpty() || w.tOpen().isEmpty()) {
      return;
    }
    EpochRun r = current;
    CommitteeView.Member me = self.get();
    if (!r.acked && w.acked().contains(me.nodeId())) {
      r.acked = true;
    }
    boolean mayAck = r.acked || losses.readyToAck(w, me, r, now, this::submit);
    if (!r.acked && mayAck && now >= w.tOpen().get() && now - r.lastAckAttempt >= RETRY_MS) {
      r.lastAckAttempt = now;
      submit(() -> ack(w, me, r));
    }
    if (w.pending() && w.ackDeadline().map(d -> now >= d).orElse(false) && now - r.lastForceSeed >= 5 * RETRY_MS) {
      r.lastForceSeed = now;
      submit(() -> ledger.execute(new Operation.ChallengeForceSeed(w.epoch())));
    }
    if (!w.seeded()) {
      return;
    }
    long close = w.tClose().orElseThrow();
    if (settings.faults().fetch() && !r.fetched) {
      r.fetched = true;
      work.submit(() -> fetchChallenged(w, me));
    }
    if (!r.challengeStarted && now < close && !settings.faults().lazy()) {
      r.challengeStarted = true;
      work.submit(() -> {
        try {
          challenger.run(w, me, r.tallies);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          LOG.warn("challenging peers in epoch {} failed", w.epoch(), e);
        } finally {
          r.challengeDone = true;
        }
      });
    }
    boolean ready = !r.challengeStarted || r.challengeDone;
    if (!r.reported && w.reporters().contains(me.nodeId())) {
      r.reported = true;
    }
    if (now >= close && ready && !r.reported && !settings.faults().lazy()
        && w.reportDeadline().map(d -> now <= d).orElse(false) && now - r.lastReportAttempt >= RETRY_MS) {
      r.lastReportAttempt = now;
      submit(() -> {
        TransactionEffects e = ledger.execute(Reporter.report(node.protocolKey(), w, me, r, settings.faults().invert()));
        if (e.succeeded() || (e.abort() != null && e.abort().code() == 7)) {
          r.reported = true;
          LOG.info("reported challenge epoch {}: {} targets", w.epoch(), r.tallies.size());
        }
        return e;
      });
    }
  }

  private TransactionEffects ack(Window w, CommitteeView.Member me, EpochRun r) {
    Optional<ObjectId> cap = ledger.nodeCap();
    if (cap.isEmpty()) {
      return null;
    }
    byte[] message = new BeaconMessage(w.epoch(), me.nodeId()).toBcs();
    TransactionEffects e = ledger.execute(new Operation.ChallengeAck(cap.get(), w.epoch(), node.protocolKey().sign(message)));
    if (e.succeeded() || (e.abort() != null && e.abort().code() == 3)) {
      r.acked = true;
    }
    return e;
  }

  /** Runs a ledger transaction on the transaction thread unless one is still in flight. */
  private void submit(java.util.concurrent.Callable<?> tx) {
    if (txBusy) {
      return;
    }
    txBusy = true;
    transactions.submit(() -> {
      try {
        tx.call();
      } catch (Exception e) {
        LOG.debug("challenge transaction failed: {}", e.toString());
      } finally {
        txBusy = false;
      }
    });
  }

  private Optional<BlobMetadata> metadata(BlobId blobId) {
    Optional<BlobMetadata> stored = node.store().metadata(blobId);
    return stored.isPresent() ? stored : fetcher.metadata(node.committee(), blobId);
  }

  /**
   * The {@code drop} fault: deletes this node's slivers at the set moment, then keeps deleting any
   * that come back. A node that does not keep data would not keep what its own self-healing (the
   * scan for missing slivers at every epoch change) restores either.
   */
  private void maybeDrop(Window w, EpochRun r, long now) {
    ChallengeFaults f = settings.faults();
    if (f.dropEpoch().isEmpty() || w.epoch() < f.dropEpoch().getAsInt() || w.tOpen().isEmpty()) {
      return;
    }
    if (!dropped) {
      // t_done = t_open − 0.55 D at the default opening; the fault drops at t_done + fraction·D. When
      // the epoch change was slow that moment may fall in the next epoch: then drop at once.
      long dropAt = w.tOpen().get() - w.epochMs() * 55 / 100 + w.epochMs() * f.dropAtPermille() / 1000;
      if (w.epoch() == f.dropEpoch().getAsInt() && now < dropAt) {
        return;
      }
      dropped = true;
    }
    List<Integer> shards = node.committee().ownShards().stream().sorted().limit(f.dropShards()).toList();
    long deleted = deleteSlivers(shards, id -> {});
    if (deleted > 0) {
      LOG.warn("FAULT drop: deleted {} slivers of shards {} in epoch {}", deleted, shards, w.epoch());
    }
  }

  /**
   * The {@code lose} fault: an honest node's disk loss at the set moment, which recovery is told
   * about but is held back from repairing until the epoch's window closes.
   */
  private void maybeLose(Window w, long now) {
    ChallengeFaults f = settings.faults();
    if (f.loseEpoch().isEmpty() || w.tOpen().isEmpty()) {
      return;
    }
    int epoch = f.loseEpoch().getAsInt();
    if (lost) {
      boolean over = w.epoch() > epoch || w.status().equals("SKIPPED") || w.tClose().map(c -> now >= c).orElse(false);
      if (over) {
        syncer.hold(false);
      }
      return;
    }
    long loseAt = w.tOpen().get() - w.epochMs() * 55 / 100 + w.epochMs() * f.loseAtPermille() / 1000;
    if (w.epoch() != epoch || now < loseAt) {
      return;
    }
    lost = true;
    syncer.hold(true);
    List<Integer> shards = node.committee().ownShards().stream().sorted().limit(f.loseShards()).toList();
    Set<BlobId> blobs = new LinkedHashSet<>();
    long deleted = deleteSlivers(shards, blobs::add);
    blobs.forEach(syncer::enqueue);
    LOG.warn("FAULT lose: deleted {} slivers of shards {} in epoch {} and handed {} blobs to recovery", deleted, shards,
        w.epoch(), blobs.size());
  }

  /** Deletes every sliver of {@code shards}, telling {@code onDeleted} each blob; returns how many. */
  private long deleteSlivers(List<Integer> shards, Consumer<BlobId> onDeleted) {
    long deleted = 0;
    for (int shard : shards) {
      if (!node.store().hasShard(shard)) {
        continue;
      }
      for (SliverType type : SliverType.values()) {
        List<BlobId> ids;
        BlobId from = BlobId.of(new byte[32]);
        do {
          ids = node.store().sliverBlobIds(shard, type, from, 512);
          try (Batch batch = node.store().batch()) {
            for (BlobId id : ids) {
              batch.deleteSliver(shard, type, id);
            }
            batch.commit();
          }
          ids.forEach(onDeleted);
          deleted += ids.size();
          if (!ids.isEmpty()) {
            from = ids.getLast();
          }
        } while (ids.size() == 512);
      }
    }
    return deleted;
  }

  /** The {@code fetch} fault: reads challenged blobs' slivers from peers, as a node that lost them would. */
  private void fetchChallenged(Window w, CommitteeView.Member me) {
    int n = w.committee().nShards();
    for (BlobId blob : w.set()) {
      for (CommitteeView.Member peer : w.committee().members()) {
        if (peer.nodeId().equals(me.nodeId()) || peer.shards().isEmpty()) {
          continue;
        }
        try {
          peers.client(peer).sliver(blob, blob.pairForShard(peer.shards().getFirst(), n), SliverType.PRIMARY);
          fetchServed.increment();
        } catch (StorageNodeException e) {
          if ("CHALLENGE_BLACKOUT".equals(e.reason())) {
            fetchRefused.increment();
          }
        }
      }
    }
    LOG.warn("FAULT fetch: challenged slivers served {}, refused {}", (long) fetchServed.count(),
        (long) fetchRefused.count());
  }

  /** {@code GET /v1/challenges/{epoch}/status}. */
  public ChallengeStatusView status(long epoch) {
    EpochRun r = run;
    Optional<Window> w = tracker.current().filter(x -> x.epoch() == epoch);
    if (r.epoch != epoch || w.isEmpty()) {
      return new ChallengeStatusView((int) epoch, "idle", null, null, 0, List.of(), List.of(), List.of(), false, false,
          List.of());
    }
    Window window = w.get();
    HexFormat hex = HexFormat.of();
    return new ChallengeStatusView((int) epoch, phase(window, r), window.seed().map(hex::formatHex).orElse(null),
        window.setDigest().map(hex::formatHex).orElse(null), window.set().size(),
        r.tallies.values().stream().filter(TargetTally::isIssued).map(t -> t.target.toString()).sorted().toList(),
        r.tallies.values().stream().filter(TargetTally::isComplete).map(t -> t.target.toString()).sorted().toList(),
        r.received.stream().map(ObjectId::toString).sorted().toList(), r.acked, r.reported, r.lossReported);
  }

  private String phase(Window w, EpochRun r) {
    long now = clock.getAsLong();
    if (r.reported) {
      return "done";
    }
    if (w.tOpen().isEmpty() || now < w.tOpen().get() - settings.guardMs(w.epochMs())) {
      return "idle";
    }
    if (!w.seeded()) {
      return w.status().equals("SKIPPED") ? "skipped" : "pre-blackout";
    }
    return now < w.tClose().orElseThrow() ? "blackout" : "reporting";
  }

  @Override
  public void close() {
    poller.shutdownNow();
    transactions.shutdownNow();
    work.shutdownNow();
  }
}
