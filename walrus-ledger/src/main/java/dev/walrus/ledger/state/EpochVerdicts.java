package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The challenge verdicts of one ending epoch (spec/challenges.md §7.4), per committee member.
 * Empty when the network runs no challenges or the epoch was skipped: then nobody failed.
 */
public record EpochVerdicts(int epoch, SortedMap<ObjectId, NodeVerdict> nodes) {

  /**
   * @param shards the member's shards in the epoch
   * @param failedShards shards at least one correct challenger saw fail (F1 evidence)
   * @param syncingShards shards still being synced or declared lost before the seed
   * @param dataFail at least half of the non-syncing shards failed (WP2 penalty 3)
   * @param issueFail no report, or F1 weight of reporters say it never challenged them (WP2 penalty 4)
   */
  public record NodeVerdict(
      List<Integer> shards, List<Integer> failedShards, List<Integer> syncingShards, boolean dataFail,
      boolean issueFail) {
    public NodeVerdict {
      shards = List.copyOf(shards);
      failedShards = List.copyOf(failedShards);
      syncingShards = List.copyOf(syncingShards);
    }

    public int failed() {
      return failedShards.size();
    }

    /** Failed in a supermajority of its shards ({@code 3·failed > 2·w}), counting toward jail. */
    public boolean supermajorityFailed() {
      return 3L * failedShards.size() > 2L * shards.size();
    }
  }

  public static EpochVerdicts none(int epoch) {
    return new EpochVerdicts(epoch, Collections.emptySortedMap());
  }

  public boolean judged() {
    return !nodes.isEmpty();
  }

  /** Failed shard counts by node, for the reward formula. */
  public SortedMap<ObjectId, Integer> failedCounts() {
    TreeMap<ObjectId, Integer> out = new TreeMap<>();
    nodes.forEach((id, v) -> out.put(id, v.failed()));
    return out;
  }
}
