package dev.walrus.node.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The current epoch's challenge as the node last read it from the ledger, with the committee of
 * that epoch and this node's place in it. Immutable; the tracker swaps whole snapshots.
 *
 * @param self this node's member entry, empty when it is not in the committee
 * @param set the challenged blobs, empty until seeded
 */
public record Window(
    int epoch, String status, Optional<Long> tOpen, Optional<Long> ackDeadline, Optional<Long> tClose,
    Optional<Long> reportDeadline, int tau, Optional<byte[]> seed, Optional<byte[]> setDigest, List<BlobId> set,
    Set<BlobId> setLookup, List<ObjectId> acked, List<ObjectId> reporters, CommitteeView committee,
    Optional<CommitteeView.Member> self, long epochMs) {

  static Window of(ChallengeEpochView v, CommitteeView committee, Optional<CommitteeView.Member> self, long epochMs) {
    return new Window(v.epoch(), v.status(), Optional.ofNullable(v.tOpenMs()), Optional.ofNullable(v.ackDeadlineMs()),
        Optional.ofNullable(v.tCloseMs()), Optional.ofNullable(v.reportDeadlineMs()), v.tau(),
        Optional.ofNullable(v.seed()), Optional.ofNullable(v.setDigest()), List.copyOf(v.blobIds()),
        new HashSet<>(v.blobIds()), List.copyOf(v.acked()), List.copyOf(v.reporters()), committee, self, epochMs);
  }

  public boolean seeded() {
    return seed.isPresent() && !set.isEmpty();
  }

  public boolean pending() {
    return status.equals("PENDING");
  }

  public boolean challenged(BlobId blobId) {
    return setLookup.contains(blobId);
  }

  public boolean matches(byte[] otherSeed, byte[] otherDigest) {
    return seed.isPresent() && setDigest.isPresent() && Arrays.equals(seed.get(), otherSeed)
        && Arrays.equals(setDigest.get(), otherDigest);
  }

  public Optional<CommitteeView.Member> member(ObjectId nodeId) {
    return committee.members().stream().filter(m -> m.nodeId().equals(nodeId)).findFirst();
  }

  /** A member's shards, ascending: the order its items are numbered in. */
  public static int[] sortedShards(CommitteeView.Member m) {
    return m.shards().stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
