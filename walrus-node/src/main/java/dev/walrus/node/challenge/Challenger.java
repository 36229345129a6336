package dev.walrus.node.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ChallengeItems;
import dev.walrus.core.challenge.ChallengeRequest;
import dev.walrus.core.challenge.ChallengeResponse;
import dev.walrus.core.challenge.ItemCheck;
import dev.walrus.core.challenge.ItemOutcome;
import dev.walrus.core.challenge.ItemProof;
import dev.walrus.core.challenge.ItemSpec;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.node.state.BlobStates;
import dev.walrus.node.sync.Peers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The challenger's side (spec/challenges.md §6.5): asks every other member for its items, page
 * by page, and checks each answer against the blob's metadata — never against its own slivers.
 * Targets start spread over the first quarter of the window and only a few are challenged at
 * once, so the window's work does not arrive as one burst; failures are retried with backoff
 * (1 s doubling to 30 s) until {@code t_close}. A target with no complete answer by then is
 * reported UNREACHABLE.
 */
final class Challenger {
  private static final Logger LOG = LoggerFactory.getLogger(Challenger.class);
  private static final long MIN_BACKOFF_MS = 1_000;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final BlsKeyPair key;
  private final Peers peers;
  private final Function<BlobId, Optional<BlobMetadata>> metadata;
  private final BlobStates blobs;
  private final ChallengeSettings settings;
  private final LongSupplier clock;
  private final Counter issued;
  private final Counter failedItems;
  private final Timer verify;

  Challenger(BlsKeyPair key, Peers peers, Function<BlobId, Optional<BlobMetadata>> metadata, BlobStates blobs,
      ChallengeSettings settings, LongSupplier clock, MeterRegistry metrics) {
    this.key = key;
    this.peers = peers;
    this.metadata = metadata;
    this.blobs = blobs;
    this.settings = settings;
    this.clock = clock;
    this.issued = Counter.builder("walrus.node.challenge.requests.issued")
        .description("challenge requests this node sent").register(metrics);
    this.failedItems = Counter.builder("walrus.node.challenge.items.failed")
        .description("challenge items of other nodes that failed this node's check").register(metrics);
    this.verify = Timer.builder("walrus.node.challenge.verify").description("time spent checking challenge answers")
        .register(metrics);
  }

  /**
   * Challenges every other member of the window, recording each target's tally in {@code tallies}
   * as it goes; returns when all are done or the window closed.
   */
  Map<ObjectId, TargetTally> run(Window w, CommitteeView.Member self, Map<ObjectId, TargetTally> tallies)
      throws InterruptedException {
    List<CommitteeView.Member> targets = w.committee().members().stream()
        .filter(m -> !m.nodeId().equals(self.nodeId())).toList();
    long start = clock.getAsLong();
    long spread = Math.max(0, (w.tClose().orElseThrow() - start) / 4);
    Semaphore parallel = new Semaphore(settings.targetsInParallel());
    WindowCheck check = new WindowCheck(w, self);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        CommitteeView.Member t = targets.get(i);
        TargetTally tally = new TargetTally(t.nodeId(), check.derive.itemCount(t.shards().size()));
        tallies.put(t.nodeId(), tally);
        long startAt = start + (targets.size() <= 1 ? 0 : spread * i / (targets.size() - 1));
        running.add(pool.submit(() -> {
          sleepUntil(startAt);
          parallel.acquire();
          try {
            challenge(check, t, tally);
          } finally {
            parallel.release();
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          LOG.warn("challenging a target failed", e.getCause());
        }
      }
    }
    return tallies;
  }

  /** What every target's answers are checked with in one window. */
  private final class WindowCheck {
    final Window w;
    final CommitteeView.Member self;
    final int[] selfShards;
    final ChallengeItems derive;
    final EncodingConfig config;
    final Map<BlobId, Optional<BlobMetadata>> metadataCache = new ConcurrentHashMap<>();
    final Map<BlobId, Boolean> provenInconsistent = new ConcurrentHashMap<>();

    WindowCheck(Window w, CommitteeView.Member self) {
      this.w = w;
      this.self = self;
      this.selfShards = Window.sortedShards(self);
      this.derive = new ChallengeItems(w.seed().orElseThrow(), w.set(), w.committee().nShards(), w.tau());
      this.config = EncodingConfig.forShards(w.committee().nShards());
    }
  }

  private void challenge(WindowCheck c, CommitteeView.Member target, TargetTally tally) throws InterruptedException {
    int[] targetShards = Window.sortedShards(target);
    int total = tally.itemsOwed;
    long close = c.w.tClose().orElseThrow();
    long backoff = MIN_BACKOFF_MS;
    int next = 0;
    while (next < total) {
      long now = clock.getAsLong();
      if (now >= close) {
        return;
      }
      ChallengeRequest request = new ChallengeRequest(c.w.epoch(), c.self.nodeId(), target.nodeId(),
          c.w.seed().get(), c.w.setDigest().get(), next, Math.min(settings.pageItems(), total - next));
      ChallengeResponse response;
      try {
        tally.issued();
        issued.increment();
        Duration timeout = Duration.ofMillis(Math.max(1_000, Math.min(60_000, close - now)));
        response = peers.client(target).withTimeout(timeout).challenge(c.w.epoch(), SignedChallenge.sign(key, request));
      } catch (StorageNodeException e) {
        if (e.httpStatus() == 410) {
          return;
        }
        LOG.debug("challenge of {} (items {}+): {}", target.nodeId(), next, e.getMessage());
        Thread.sleep(Math.min(backoff, Math.max(0, close - clock.getAsLong())));
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        continue;
      }
      backoff = MIN_BACKOFF_MS;
      if (response.epoch() != c.w.epoch() || !response.target().equals(target.nodeId())
          || !response.challenger().equals(c.self.nodeId()) || response.firstItem() != next
          || response.totalItems() != total || response.items().isEmpty()
          || response.items().size() > total - next) {
        LOG.debug("challenge answer of {} does not fit the request", target.nodeId());
        Thread.sleep(Math.min(MIN_BACKOFF_MS, Math.max(0, close - clock.getAsLong())));
        continue;
      }
      int from = next;
      verify.record(() -> {
        for (int k = 0; k < response.items().size(); k++) {
          ItemSpec expected = c.derive.item(target.nodeId(), targetShards, c.self.nodeId(), c.selfShards, from + k);
          ItemOutcome outcome = check(c, expected, response.items().get(k));
          if (outcome == ItemOutcome.FAILED) {
            failedItems.increment();
          }
          tally.count(expected.shard(), outcome);
        }
      });
      next += response.items().size();
    }
    tally.complete();
  }

  /** §6.5 steps 2–4: void if the blob was invalidated or lost its storage, else the proof decides. */
  private ItemOutcome check(WindowCheck c, ItemSpec expected, ItemProof answer) {
    var state = blobs.get(expected.blobId());
    if (state.isInvalid() || !state.certifiedAt(c.w.epoch())) {
      return ItemOutcome.VOID;
    }
    if (answer instanceof ItemProof.Inconsistent && Boolean.TRUE.equals(c.provenInconsistent.get(expected.blobId()))
        && answer.blobId().equals(expected.blobId()) && answer.shard() == expected.shard() && answer.j() == expected.j()) {
      return ItemOutcome.VOID;
    }
    Optional<BlobMetadata> m = c.metadataCache.computeIfAbsent(expected.blobId(), metadata);
    if (m.isEmpty()) {
      // No verified metadata anywhere: the item cannot be judged, so it must not count against the target.
      return ItemOutcome.VOID;
    }
    ItemOutcome outcome = ItemCheck.check(expected, answer, m.get(), c.config, Optional.empty());
    if (outcome == ItemOutcome.VOID && answer instanceof ItemProof.Inconsistent) {
      c.provenInconsistent.put(expected.blobId(), true);
    }
    return outcome;
  }

  private void sleepUntil(long at) throws InterruptedException {
    long wait = at - clock.getAsLong();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
