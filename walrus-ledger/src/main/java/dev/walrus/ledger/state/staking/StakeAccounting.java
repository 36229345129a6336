package dev.walrus.ledger.state.staking;

/**
 * The numbers behind a pool's shares (ledger.md §5.3). The principals live in the stakers'
 * {@code StakedWal} objects; the pool keeps accounting only: {@code walBalance} (active stake plus
 * undistributed staker rewards) and {@code numShares} fix the exchange rate, the pending maps hold
 * stakes and withdrawals until the epoch they apply to, and {@code rewardsPool} is the FROST of
 * stakers' rewards actually held, paid out on withdrawal.
 *
 * @param latestEpoch the last epoch this pool advanced into; pools advance lazily (§10.8)
 * @param pendingStake activation epoch → principal to add
 * @param pendingSharesWithdraw withdraw epoch → shares to remove
 * @param preActiveWithdrawals withdraw epoch → principal of stakes withdrawn after exactly one epoch
 */
public record StakeAccounting(
    int latestEpoch,
    long walBalance,
    long numShares,
    PendingValues pendingStake,
    PendingValues pendingSharesWithdraw,
    PendingValues preActiveWithdrawals,
    long rewardsPool) {

  public static StakeAccounting empty(int epoch) {
    return new StakeAccounting(epoch, 0, 0, PendingValues.EMPTY, PendingValues.EMPTY, PendingValues.EMPTY, 0);
  }

  public StakeAccounting withPendingStake(PendingValues pending) {
    return new StakeAccounting(
        latestEpoch, walBalance, numShares, pending, pendingSharesWithdraw, preActiveWithdrawals, rewardsPool);
  }

  public StakeAccounting withPendingSharesWithdraw(PendingValues pending) {
    return new StakeAccounting(
        latestEpoch, walBalance, numShares, pendingStake, pending, preActiveWithdrawals, rewardsPool);
  }

  public StakeAccounting withPreActiveWithdrawals(PendingValues pending) {
    return new StakeAccounting(
        latestEpoch, walBalance, numShares, pendingStake, pendingSharesWithdraw, pending, rewardsPool);
  }

  public StakeAccounting withRewardsPool(long rewards) {
    return new StakeAccounting(
        latestEpoch, walBalance, numShares, pendingStake, pendingSharesWithdraw, preActiveWithdrawals, rewards);
  }
}
