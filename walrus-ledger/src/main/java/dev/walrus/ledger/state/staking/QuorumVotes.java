package dev.walrus.ledger.state.staking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Weighted votes resolved by a shard quorum (ledger.md §6.1–6.2). With weights summing to
 * {@code N}, {@link #quorumBelow} is the smallest value such that a quorum voted for it or less
 * (so the top third of the weight cannot raise prices), and {@link #quorumAbove} the largest
 * value such that a quorum voted for it or more (so the bottom third cannot lower capacity).
 */
public final class QuorumVotes {
  private QuorumVotes() {}

  /** One node's vote, weighted by its shards. */
  public record Vote(long value, int weight) {}

  /** Move's {@code is_quorum}: {@code 3w ≥ 2N + 1}. */
  public static boolean isQuorum(long weight, long nShards) {
    return 3 * weight >= 2 * nShards + 1;
  }

  /**
   * {@code quorum_below}: starting from the full weight {@code N}, removes the highest votes
   * one by one and returns the value whose removal breaks the quorum.
   */
  public static long quorumBelow(List<Vote> votes, int nShards) {
    long remaining = nShards;
    for (Vote v : descending(votes)) {
      remaining -= v.weight();
      if (!isQuorum(remaining, nShards)) {
        return v.value();
      }
    }
    throw new IllegalStateException("votes do not cover " + nShards + " shards");
  }

  /** {@code quorum_above}: accumulates the highest votes until they form a quorum. */
  public static long quorumAbove(List<Vote> votes, int nShards) {
    long sum = 0;
    for (Vote v : descending(votes)) {
      sum += v.weight();
      if (isQuorum(sum, nShards)) {
        return v.value();
      }
    }
    throw new IllegalStateException("votes do not reach a quorum of " + nShards + " shards");
  }

  private static List<Vote> descending(List<Vote> votes) {
    List<Vote> sorted = new ArrayList<>(votes);
    sorted.sort(Comparator.comparingLong(Vote::value).reversed());
    return sorted;
  }
}
