package dev.walrus.node.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.state.BlobStates;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which blobs this node must not serve right now (spec/challenges.md §6.2): from {@code t_open −
 * guard} by the node's own clock every blob eligible in the epoch, because nobody knows yet which
 * will be challenged; once the seed is seen only the challenged ones, until {@code t_close}.
 *
 * <p>Departure from the spec (§6.1), for safety: the pre-blackout lasts until the node sees the
 * seed or the epoch skipped (at most until {@code t_close}), not only until {@code guard} after
 * the ack deadline. With short epochs the ack timeout is about a second and the seed often lands
 * after it; the spec's rule would leave a gap in which a node that lost its data could fetch the
 * blobs about to be challenged. Once the timeout passes anyone forces the seed or the skip, so
 * the longer pre-blackout only lasts while the ledger has not decided.
 *
 * <p>While blacked out, a blob's slivers and symbols are refused to everyone, so a node that lost
 * its data cannot fetch it back from honest peers in time to answer; its own challenge endpoint
 * stays up (it reveals only the target's cells that the challenger does not hold).
 */
public final class Blackout {
  private final Supplier<Optional<Window>> window;
  private final BiPredicate<BlobId, Integer> eligible;
  private final ChallengeSettings settings;
  private final LongSupplier clock;

  /**
   * @param eligible whether a blob is eligible in an epoch (§5.1), from the node's own records
   */
  Blackout(Supplier<Optional<Window>> window, BiPredicate<BlobId, Integer> eligible, ChallengeSettings settings,
      LongSupplier clock) {
    this.window = window;
    this.eligible = eligible;
    this.settings = settings;
    this.clock = clock;
  }

  /** Eligible in {@code epoch} as the ledger defines it (§5.1), from the node's records of the blob. */
  static boolean eligible(BlobStates blobs, BlobId blobId, int epoch) {
    BlobState s = blobs.get(blobId);
    return !s.isInvalid() && s.initialCertifiedEpoch(epoch).map(c -> c <= epoch - 1).orElse(false)
        && s.latestEndEpoch(epoch) > epoch;
  }

  /**
   * When the blackout of {@code blobId} ends (ledger ms), if it is blacked out now; the caller
   * answers 503 with {@code Retry-After}.
   */
  public Optional<Long> until(BlobId blobId) {
    Optional<Window> current = window.get();
    if (current.isEmpty() || current.get().tOpen().isEmpty()) {
      return Optional.empty();
    }
    Window w = current.get();
    long now = clock.getAsLong();
    long guard = settings.guardMs(w.epochMs());
    long open = w.tOpen().get();
    long close = w.tClose().orElse(open);
    if (now < open - guard || now >= close || w.status().equals("SKIPPED") || w.status().equals("FINAL")) {
      return Optional.empty();
    }
    if (w.seeded()) {
      return w.challenged(blobId) ? Optional.of(close) : Optional.empty();
    }
    // Retry-After points at the ack deadline plus the guard: by then the seed is normally known.
    long expected = Math.max(now + 1_000, w.ackDeadline().orElse(open) + guard);
    return eligible.test(blobId, w.epoch()) ? Optional.of(Math.min(expected, close)) : Optional.empty();
  }
}
