package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;

/**
 * What a {@code StakedWal} would pay if withdrawn at {@code withdrawEpoch} (its own withdraw epoch
 * once a withdrawal was requested): the principal and the rewards, as {@code withdraw_stake}
 * would compute them, capped by the pool's reward balance.
 */
public record StakeQuote(
    ObjectId stakedWal, ObjectId nodeId, long principal, int activationEpoch, int withdrawEpoch, long rewards) {

  public long total() {
    return Math.addExact(principal, rewards);
  }
}
