package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import java.util.List;

/**
 * {@code GET /v1/challenges/params}: the network's challenge constants, the penalty sizes in
 * force and voted in for the next epoch, the intensity factor, the last per-shard reference
 * reward, and this epoch's proposals and votes.
 *
 * @param proposals each proposal with its digest (what votes name) and proposer
 * @param votes each voter's choice: a proposal's digest, or empty for the status quo
 */
public record ChallengeParamsView(
    ChallengeConfig config, PenaltyParams current, PenaltyParams next, int phi, long perShardReward,
    List<Proposal> proposals, List<Vote> votes) {

  public record Proposal(ObjectId proposer, int epoch, byte[] digest, PenaltyParams params) {}

  public record Vote(ObjectId voter, int epoch, byte[] proposal) {}
}
