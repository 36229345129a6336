package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import java.util.List;

/**
 * {@code GET /v1/challenges/nodes/{nodeId}}: a node's standing (spec/challenges.md §8): the last
 * epochs' results, unpaid penalties, jail, stake slashed but not yet burned, and recovery-helper
 * rewards owed to it.
 *
 * @param jailedUntil the epoch its jail term ends, if it is jailed
 */
public record ChallengeNodeView(
    ObjectId nodeId, int epoch, int consecutiveFails, Integer jailedUntil, long debt, long slashedUnburned,
    long helperCredit, List<EpochResult> results) {

  public record EpochResult(int epoch, ChallengeEpochView.NodeResult result) {}
}
