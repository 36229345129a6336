package dev.walrus.ledger.state.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.bcs.Bcs;
import java.util.List;
import java.util.Optional;

/**
 * One epoch's challenge (spec/challenges.md §7.1): its intensity ({@code k} blobs, {@code tau}
 * items per shard), the weight of members that acked, and once seeded the seed, the challenged
 * set and its digest. Acks and reports live in their own tables.
 *
 * @param note why the epoch was skipped, or empty
 */
public record ChallengeEpoch(
    int epoch, ChallengeStatus status, int k, @Bcs.U16 int tau, int ackedWeight, Optional<byte[]> seed,
    List<BlobId> set, Optional<byte[]> setDigest, long seededAtMs, String note) {

  public ChallengeEpoch {
    set = List.copyOf(set);
  }

  static ChallengeEpoch pending(int epoch, int k, int tau) {
    return new ChallengeEpoch(epoch, ChallengeStatus.PENDING, k, tau, 0, Optional.empty(), List.of(), Optional.empty(),
        0, "");
  }

  ChallengeEpoch withAcked(int weight) {
    return new ChallengeEpoch(epoch, status, k, tau, weight, seed, set, setDigest, seededAtMs, note);
  }

  ChallengeEpoch seeded(byte[] newSeed, List<BlobId> newSet, byte[] digest, long now) {
    return new ChallengeEpoch(epoch, ChallengeStatus.SEEDED, k, tau, ackedWeight, Optional.of(newSeed), newSet,
        Optional.of(digest), now, "");
  }

  ChallengeEpoch skipped(String why) {
    return new ChallengeEpoch(epoch, ChallengeStatus.SKIPPED, k, tau, ackedWeight, seed, set, setDigest, seededAtMs, why);
  }

  ChallengeEpoch finished() {
    return new ChallengeEpoch(epoch, ChallengeStatus.FINAL, k, tau, ackedWeight, seed, set, setDigest, seededAtMs, note);
  }
}
