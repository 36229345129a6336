package dev.walrus.ledger.state.challenge;

import java.util.List;

/**
 * A node's verdict for one epoch and what it cost (spec/challenges.md §7.4, §8): kept for the
 * last epochs so operators and the CLI can read them, and so a shard's sender can be held to the
 * verdict of the epoch it was handed over after.
 *
 * @param withheld reward its failed shards forfeited (burned)
 * @param penalty the penalty the verdict set
 * @param fromReward / fromCommission / fromStake how the penalty and older debt were collected
 * @param debt what was left owing afterwards
 */
public record NodeResult(
    List<Integer> shards, List<Integer> failedShards, List<Integer> syncingShards, boolean dataFail,
    boolean issueFail, long withheld, long penalty, long fromReward, long fromCommission, long fromStake, long debt) {

  public NodeResult {
    shards = List.copyOf(shards);
    failedShards = List.copyOf(failedShards);
    syncingShards = List.copyOf(syncingShards);
  }

  static NodeResult none() {
    return new NodeResult(List.of(), List.of(), List.of(), false, false, 0, 0, 0, 0, 0, 0);
  }

  NodeResult withCost(long w, long p) {
    return new NodeResult(shards, failedShards, syncingShards, dataFail, issueFail, w, p, fromReward, fromCommission,
        fromStake, debt);
  }

  NodeResult withCollection(long r, long c, long s, long left) {
    return new NodeResult(shards, failedShards, syncingShards, dataFail, issueFail, withheld, penalty, r, c, s, left);
  }
}
