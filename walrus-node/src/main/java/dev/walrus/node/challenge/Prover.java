package dev.walrus.node.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.challenge.ChallengeItems;
import dev.walrus.core.challenge.ChallengeRequest;
import dev.walrus.core.challenge.ChallengeResponse;
import dev.walrus.core.challenge.ItemProof;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.SignatureVerificationException;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.CommitteeView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The target's side (spec/challenges.md §6.4–6.5): checks a challenge request — a member signed
 * it, it names this node, its seed and set are the ledger's, the window is open — records that
 * the challenger reached it, and proves the asked items from its own slivers. One live session
 * per challenger and a few overall, so a challenger cannot crowd out clients; answers stop at
 * {@link #MAX_RESPONSE_BYTES} and the challenger asks again for the rest.
 */
final class Prover {
  static final int MAX_RESPONSE_BYTES = 32 << 20;
  /** Largest item count one request may ask for. */
  static final long MAX_ITEMS_PER_REQUEST = 65_536;

  private final WindowTracker tracker;
  private final ItemProver items;
  private final LongSupplier clock;
  private final Semaphore sessions;
  private final Map<ObjectId, Boolean> live = new ConcurrentHashMap<>();
  private final Consumer<Received> onReceived;
  private final Counter answered;
  private final Counter proven;
  private final Timer time;

  /** A valid request of {@code challenger} reached this node in {@code epoch}. */
  record Received(int epoch, ObjectId challenger) {}

  Prover(WindowTracker tracker, ItemProver items, LongSupplier clock, int sessions, Consumer<Received> onReceived,
      MeterRegistry metrics) {
    this.tracker = tracker;
    this.items = items;
    this.clock = clock;
    this.sessions = new Semaphore(sessions);
    this.onReceived = onReceived;
    this.answered = Counter.builder("walrus.node.challenge.requests.answered")
        .description("challenge requests this node answered").register(metrics);
    this.proven = Counter.builder("walrus.node.challenge.items.proven")
        .description("challenge items this node proved from its slivers").register(metrics);
    this.time = Timer.builder("walrus.node.challenge.prove").description("time spent answering challenge requests")
        .register(metrics);
  }

  byte[] serve(long pathEpoch, byte[] body) {
    SignedChallenge signed;
    ChallengeRequest request;
    try {
      signed = SignedChallenge.fromBcs(body);
      request = signed.unverified(ChallengeRequest::fromBcs);
    } catch (BcsException | IllegalArgumentException e) {
      throw ChallengeRefusal.malformed("not a signed CHALLENGE_REQUEST: " + e.getMessage());
    }
    if (request.epoch() != pathEpoch) {
      throw ChallengeRefusal.malformed("the request is for epoch " + request.epoch() + ", the path says " + pathEpoch);
    }
    Window w = tracker.current().orElseThrow(() -> ChallengeRefusal.seedNotSeen("this node has not read the window yet"));
    if (request.epoch() < w.epoch() || (request.epoch() == w.epoch() && w.tClose().map(c -> clock.getAsLong() >= c).orElse(false))) {
      throw ChallengeRefusal.windowClosed("the window of epoch " + request.epoch() + " is closed");
    }
    if (request.epoch() > w.epoch() || !w.seeded()) {
      throw ChallengeRefusal.seedNotSeen("this node has not seen the seed of epoch " + request.epoch() + " yet");
    }
    CommitteeView.Member challenger = w.member(request.challenger()).orElseThrow(() -> ChallengeRefusal.forbidden(
        "NOT_COMMITTEE_MEMBER", request.challenger() + " is not in the committee of epoch " + w.epoch()));
    try {
      signed.verify(challenger.publicKey(), ChallengeRequest::fromBcs);
    } catch (SignatureVerificationException e) {
      throw ChallengeRefusal.forbidden("BAD_SIGNATURE", "the request's signature does not verify under the challenger's key");
    }
    CommitteeView.Member self = w.self().orElseThrow(() -> ChallengeRefusal.forbidden("WRONG_TARGET",
        "this node is not in the committee of epoch " + w.epoch()));
    if (!request.target().equals(self.nodeId()) || request.challenger().equals(self.nodeId())) {
      throw ChallengeRefusal.forbidden("WRONG_TARGET", "the request names " + request.target() + ", not this node");
    }
    if (!w.matches(request.seed(), request.setDigest())) {
      throw ChallengeRefusal.seedMismatch("the request's seed or set differs from the ledger's");
    }
    onReceived.accept(new Received(w.epoch(), request.challenger()));
    if (live.putIfAbsent(request.challenger(), Boolean.TRUE) != null) {
      throw ChallengeRefusal.busy("a request of " + request.challenger() + " is being answered");
    }
    try {
      if (!sessions.tryAcquire()) {
        throw ChallengeRefusal.busy("this node is answering other challengers; ask again shortly");
      }
      try {
        return time.record(() -> answer(w, self, challenger, request));
      } finally {
        sessions.release();
      }
    } finally {
      live.remove(request.challenger());
    }
  }

  private byte[] answer(Window w, CommitteeView.Member self, CommitteeView.Member challenger, ChallengeRequest request) {
    int[] targetShards = Window.sortedShards(self);
    int[] challengerShards = Window.sortedShards(challenger);
    ChallengeItems derive = new ChallengeItems(w.seed().get(), w.set(), w.committee().nShards(), w.tau());
    long total = derive.itemCount(targetShards.length);
    long first = Math.min(request.firstItem(), total);
    long end = Math.min(total, first + Math.min(request.maxItems(), MAX_ITEMS_PER_REQUEST));
    EncodingConfig config = EncodingConfig.forShards(w.committee().nShards());
    List<ItemProof> out = new ArrayList<>();
    long size = 128;
    for (long i = first; i < end && size < MAX_RESPONSE_BYTES; i++) {
      ItemProof p = items.prove(derive.item(self.nodeId(), targetShards, challenger.nodeId(), challengerShards, (int) i),
          config);
      if (p instanceof ItemProof.Proven proof) {
        size += 2L * proof.symA().length + 800;
        proven.increment();
      }
      out.add(p);
    }
    answered.increment();
    return new ChallengeResponse(w.epoch(), challenger.nodeId(), self.nodeId(), first, total, out).toBcs();
  }

  /** A session ends when its window does: forget per-epoch expansions. */
  void windowClosed() {
    items.clear();
  }

  Optional<Integer> liveSessions() {
    return Optional.of(live.size());
  }
}
