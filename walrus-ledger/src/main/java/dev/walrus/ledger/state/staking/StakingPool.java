package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;

/**
 * Move's {@code StakingPool}: one per storage node, its ID being the node ID. Pools are never
 * destroyed and never leave the {@code Active} state in Walrus's code, so no state is stored.
 * The exchange-rate history is kept in its own table (see {@link Pools}) because it grows by one
 * entry per epoch in the committee and would otherwise be rewritten with every stake.
 *
 * @param activationEpoch the epoch the pool was or will be activated; exchange-rate lookups stop here
 */
public record StakingPool(
    ObjectId nodeId,
    int activationEpoch,
    NodeInfo info,
    VotingParams votes,
    StakeAccounting accounting,
    Commission commission) {

  public StakingPool withInfo(NodeInfo newInfo) {
    return new StakingPool(nodeId, activationEpoch, newInfo, votes, accounting, commission);
  }

  public StakingPool withVotes(VotingParams newVotes) {
    return new StakingPool(nodeId, activationEpoch, info, newVotes, accounting, commission);
  }

  public StakingPool withAccounting(StakeAccounting newAccounting) {
    return new StakingPool(nodeId, activationEpoch, info, votes, newAccounting, commission);
  }

  public StakingPool withCommission(Commission newCommission) {
    return new StakingPool(nodeId, activationEpoch, info, votes, accounting, newCommission);
  }

  /** FROST the pool holds: stakers' rewards and the operator's commission. */
  public long heldFrost() {
    return Math.addExact(accounting.rewardsPool(), commission.balance());
  }
}
