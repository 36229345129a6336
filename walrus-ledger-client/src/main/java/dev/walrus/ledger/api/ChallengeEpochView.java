package dev.walrus.ledger.api;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ReportEntry;
import java.util.List;

/**
 * {@code GET /v1/challenges/epochs/{epoch}}: one epoch's storage challenge (spec/challenges.md
 * §4–7). Times are ledger milliseconds and known once the epoch change is done; the seed, its set
 * and digest once seeded; the results once the epoch ended ({@code status} FINAL).
 *
 * @param status PENDING, SEEDED, SKIPPED or FINAL
 * @param note why the epoch was skipped
 * @param nowMs the ledger's time when this view was taken
 * @param tau items per target shard per challenger; {@code k} the wanted set size
 * @param reports each reporter's entries, when asked for
 */
public record ChallengeEpochView(
    int epoch,
    String status,
    String note,
    long nowMs,
    Long tOpenMs,
    Long ackDeadlineMs,
    Long tCloseMs,
    Long reportDeadlineMs,
    int k,
    int tau,
    int ackedWeight,
    byte[] seed,
    byte[] setDigest,
    List<BlobId> blobIds,
    List<ObjectId> acked,
    List<ObjectId> reporters,
    List<NodeResult> results,
    List<Report> reports) {

  /**
   * One member's verdict and what it cost.
   *
   * @param rewardWithheld reward its failed shards forfeited (burned)
   * @param penalty the penalty its verdict set; {@code fromReward}, {@code fromCommission},
   *     {@code fromStake} how it (with older debt) was collected; {@code debt} what is still owed
   */
  public record NodeResult(
      ObjectId nodeId, List<Integer> shards, List<Integer> failedShards, List<Integer> syncingShards,
      boolean dataFail, boolean issueFail, long rewardWithheld, long penalty, long fromReward, long fromCommission,
      long fromStake, long debt) {}

  public record Report(ObjectId reporter, List<ReportEntry> entries) {}
}
