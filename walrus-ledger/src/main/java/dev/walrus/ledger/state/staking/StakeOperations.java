package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.LedgerObject;
import dev.walrus.ledger.state.objects.StakedWal;
import java.util.Optional;

/**
 * Delegating WAL to pools (ledger.md §5.1, §5.4–5.5): staking moves the principal from the
 * sender's balance into a new {@code StakedWal} object; withdrawing deletes it and pays principal
 * plus rewards (from the pool's reward balance) back to the sender.
 *
 * <p>Timing decides everything: a stake counts for the next committee selection it can still
 * reach, and a withdrawal leaves the pool at the first epoch change where the node no longer
 * depends on it. Stakes that never became active, or whose node is in no committee, leave at
 * once ("early" and "inactive node" withdrawals); the rest take two steps.
 */
final class StakeOperations {
  /** {@code MIN_STAKING_THRESHOLD}: 1 WAL per {@code StakedWal}. */
  static final long MIN_STAKE = GenesisConfig.FROST_PER_WAL;

  private final StakingStore store;

  StakeOperations(StakingStore store) {
    this.store = store;
  }

  /** {@code stake_with_pool}: active from E + 1, or E + 2 once the next committee is selected. */
  void stake(TxContext ctx, Operation.StakeWithPool op) {
    StakingState s = store.state();
    StakingPool pool = store.pools.require(op.nodeId());
    Abort.check(op.amount() > 0, StakingErrors.STAKING_POOL, StakingErrors.ZERO_STAKE, "stake of 0");
    Abort.check(op.amount() >= MIN_STAKE, StakingErrors.STAKED_WAL, StakingErrors.STAKE_BELOW_THRESHOLD,
        "stake of " + op.amount() + " FROST is below 1 WAL");
    store.ledger.accounts().debit(ctx.sender(), op.amount());
    int activation = s.committeeSelected() ? s.epoch() + 2 : s.epoch() + 1;
    pool = store.pools.stake(pool, op.amount(), activation);
    store.pools.put(pool);
    ObjectId id = ctx.newObjectId();
    store.ledger.objects().put(new StakedWal(id, ctx.sender(), op.nodeId(), op.amount(), activation, Optional.empty()));
    store.refreshActiveSet(pool);
    ctx.emit(new LedgerEvent.StakeDeposited(s.epoch(), op.nodeId(), id, ctx.sender(), op.amount(), activation));
  }

  /**
   * {@code request_withdraw_stake}, step one of two. A stake selected for its first epoch
   * (activation E + 1) earns exactly that epoch and leaves at E + 2; an active stake leaves
   * after the node's last committee that counted it.
   */
  void requestWithdraw(TxContext ctx, Operation.RequestWithdrawStake op) {
    StakedWal sw = store.ledger.objects().requireOwned(ctx, op.stakedWal(), StakedWal.class);
    StakingState s = store.state();
    int epoch = s.epoch();
    StakingPool pool = store.pools.require(sw.nodeId());
    Abort.check(sw.principal() > 0, StakingErrors.STAKING_POOL, StakingErrors.ZERO_STAKE, "empty StakedWal");
    Abort.check(!sw.isWithdrawing(), StakingErrors.STAKING_POOL, StakingErrors.NOT_STAKED,
        "StakedWal " + sw.id() + " is already withdrawing");
    boolean inNext = s.inNextCommittee(sw.nodeId());
    Abort.check(!canWithdrawEarly(sw, inNext, epoch), StakingErrors.STAKING_POOL, StakingErrors.WITHDRAW_DIRECTLY,
        "StakedWal " + sw.id() + " is not active yet: withdraw it directly");
    StakeAccounting a = pool.accounting();
    int withdrawEpoch;
    if (sw.activationEpoch() == epoch + 1) {
      withdrawEpoch = sw.activationEpoch() + 1;
      a = a.withPreActiveWithdrawals(a.preActiveWithdrawals().insertOrAdd(withdrawEpoch, sw.principal()));
    } else {
      Abort.check(sw.activationEpoch() <= epoch, StakingErrors.STAKING_POOL,
          StakingErrors.ACTIVATION_EPOCH_NOT_REACHED, "StakedWal activates at epoch " + sw.activationEpoch());
      if (inNext) {
        withdrawEpoch = epoch + 2;
      } else if (s.inCommittee(sw.nodeId())) {
        withdrawEpoch = epoch + 1;
      } else {
        throw new Abort(StakingErrors.STAKING_POOL, StakingErrors.WITHDRAW_DIRECTLY,
            "node " + sw.nodeId() + " is in no committee: withdraw directly");
      }
      long shares = store.pools.rateAt(pool, sw.activationEpoch()).toShares(sw.principal());
      Abort.check(shares != 0, StakingErrors.STAKING_POOL, StakingErrors.ZERO_SHARES, "StakedWal is worth 0 shares");
      a = a.withPendingSharesWithdraw(a.pendingSharesWithdraw().insertOrAdd(withdrawEpoch, shares));
    }
    pool = pool.withAccounting(a);
    store.pools.put(pool);
    store.ledger.objects().put(new StakedWal(
        sw.id(), sw.ownerAddress(), sw.nodeId(), sw.principal(), sw.activationEpoch(), Optional.of(withdrawEpoch)));
    store.refreshActiveSet(pool);
    ctx.emit(new LedgerEvent.StakeWithdrawalRequested(epoch, sw.nodeId(), sw.id(), withdrawEpoch));
  }

  /** {@code withdraw_stake}: deletes the object and pays principal and rewards to the sender. */
  void withdraw(TxContext ctx, Operation.WithdrawStake op) {
    StakedWal sw = store.ledger.objects().requireOwned(ctx, op.stakedWal(), StakedWal.class);
    StakingState s = store.state();
    int epoch = s.epoch();
    StakingPool pool = store.pools.require(sw.nodeId());
    Abort.check(sw.principal() > 0, StakingErrors.STAKING_POOL, StakingErrors.ZERO_STAKE, "empty StakedWal");
    boolean inCurrent = s.inCommittee(sw.nodeId());
    boolean inNext = s.inNextCommittee(sw.nodeId());
    int activation = sw.activationEpoch();
    StakeAccounting a = pool.accounting();
    long rewards;
    long slashed = 0;
    if (canWithdrawEarly(sw, inNext, epoch)) {
      a = a.withPendingStake(a.pendingStake().reduce(activation, sw.principal()));
      rewards = 0;
    } else if (!inCurrent && !inNext && !sw.isWithdrawing()) {
      if (activation > epoch) {
        a = a.withPendingStake(a.pendingStake().reduce(activation, sw.principal()));
        rewards = 0;
      } else {
        long shares = store.pools.rateAt(pool, activation).toShares(sw.principal());
        a = a.withPendingSharesWithdraw(a.pendingSharesWithdraw().insertOrAdd(epoch, shares));
        rewards = store.pools.calculateRewards(pool, sw.principal(), activation, epoch);
        slashed = slashedPart(pool, sw, epoch);
      }
    } else {
      Abort.check(sw.isWithdrawing(), StakingErrors.STAKING_POOL, StakingErrors.NOT_WITHDRAWING,
          "StakedWal " + sw.id() + " has no withdrawal requested");
      int withdrawEpoch = sw.withdrawEpoch().orElseThrow();
      Abort.check(withdrawEpoch <= epoch, StakingErrors.STAKING_POOL, StakingErrors.WITHDRAW_EPOCH_NOT_REACHED,
          "StakedWal can be withdrawn from epoch " + withdrawEpoch);
      Abort.check(activation <= epoch, StakingErrors.STAKING_POOL, StakingErrors.ACTIVATION_EPOCH_NOT_REACHED,
          "StakedWal activates at epoch " + activation);
      rewards = store.pools.calculateRewards(pool, sw.principal(), activation, withdrawEpoch);
      slashed = slashedPart(pool, sw, withdrawEpoch);
    }
    // Rounding may promise a little more than the pool holds: pay what there is.
    rewards = Math.min(rewards, a.rewardsPool());
    pool = pool.withAccounting(a.withRewardsPool(a.rewardsPool() - rewards));
    store.pools.put(pool);
    store.ledger.objects().delete(ctx, sw.id());
    store.ledger.accounts().credit(ctx.sender(), Checked.add(sw.principal() - slashed, rewards));
    store.ledger.treasury().burn(ctx, epoch, slashed);
    store.refreshActiveSet(pool);
    ctx.emit(new LedgerEvent.StakeWithdrawn(epoch, sw.nodeId(), sw.id(), sw.principal() - slashed, rewards));
  }

  /**
   * The part of a withdrawn principal that challenge penalties slashed (spec/challenges.md §8.3
   * (b)): burned now, the stake having stayed in the object until its owner took it out. Zero
   * unless the pool's stake was slashed; never below the redemption floor.
   */
  private long slashedPart(StakingPool pool, StakedWal sw, int withdrawEpoch) {
    long shares = store.pools.rateAt(pool, sw.activationEpoch()).toShares(sw.principal());
    long value = store.pools.rateAt(pool, withdrawEpoch).toWal(shares);
    return store.ledger.challenges().withdrawalBurn(pool.nodeId(), sw.principal(), value);
  }

  /** {@code staked_wal::split}: both parts keep the state and must hold at least 1 WAL. */
  void split(TxContext ctx, Operation.SplitStakedWal op) {
    StakedWal sw = store.ledger.objects().requireOwned(ctx, op.stakedWal(), StakedWal.class);
    Abort.check(sw.principal() > op.amount(), StakingErrors.STAKED_WAL, StakingErrors.INVALID_AMOUNT,
        "cannot split " + op.amount() + " from " + sw.principal());
    Abort.check(op.amount() >= MIN_STAKE, StakingErrors.STAKED_WAL, StakingErrors.STAKE_BELOW_THRESHOLD,
        "split part of " + op.amount() + " FROST is below 1 WAL");
    Abort.check(sw.principal() - op.amount() >= MIN_STAKE, StakingErrors.STAKED_WAL,
        StakingErrors.STAKE_BELOW_THRESHOLD, "remaining " + (sw.principal() - op.amount()) + " FROST is below 1 WAL");
    store.ledger.objects().put(new StakedWal(
        sw.id(), sw.ownerAddress(), sw.nodeId(), sw.principal() - op.amount(), sw.activationEpoch(), sw.withdrawEpoch()));
    store.ledger.objects().put(new StakedWal(
        ctx.newObjectId(), sw.ownerAddress(), sw.nodeId(), op.amount(), sw.activationEpoch(), sw.withdrawEpoch()));
  }

  /**
   * {@code staked_wal::join}: same node and activation epoch, and both staked or both
   * withdrawing at the same epoch, so the merged object settles exactly like the two would. An
   * object cannot be joined with itself (Move's borrow rules forbid it; here it would double it).
   */
  void join(TxContext ctx, Operation.JoinStakedWal op) {
    StakedWal a = store.ledger.objects().requireOwned(ctx, op.stakedWal(), StakedWal.class);
    StakedWal b = store.ledger.objects().requireOwned(ctx, op.other(), StakedWal.class);
    Abort.check(!a.id().equals(b.id()), StakingErrors.STAKED_WAL, StakingErrors.METADATA_MISMATCH,
        "cannot join a StakedWal with itself");
    Abort.check(a.nodeId().equals(b.nodeId()) && a.activationEpoch() == b.activationEpoch(),
        StakingErrors.STAKED_WAL, StakingErrors.METADATA_MISMATCH, "different node or activation epoch");
    Abort.check(a.withdrawEpoch().equals(b.withdrawEpoch()), StakingErrors.STAKED_WAL,
        StakingErrors.METADATA_MISMATCH, "different withdrawal state");
    store.ledger.objects().put(new StakedWal(
        a.id(), a.ownerAddress(), a.nodeId(), Checked.add(a.principal(), b.principal()), a.activationEpoch(),
        a.withdrawEpoch()));
    store.ledger.objects().delete(ctx, b.id());
  }

  /** What {@code stakedWalId} would pay at {@code epoch}; empty if there is no such object. */
  Optional<StakeQuote> quote(ObjectId stakedWalId, int epoch) {
    LedgerObject o = store.ledger.objects().find(stakedWalId);
    if (!(o instanceof StakedWal sw)) {
      return Optional.empty();
    }
    return store.pools.find(sw.nodeId()).map(pool -> {
      int withdrawEpoch = sw.withdrawEpoch().orElse(epoch);
      long rewards = withdrawEpoch < sw.activationEpoch()
          ? 0
          : Math.min(store.pools.calculateRewards(pool, sw.principal(), sw.activationEpoch(), withdrawEpoch),
              pool.accounting().rewardsPool());
      return new StakeQuote(sw.id(), sw.nodeId(), sw.principal(), sw.activationEpoch(), withdrawEpoch, rewards);
    });
  }

  /**
   * {@code can_withdraw_early}: a staked object not yet counted for any committee (activation
   * E + 2, or E + 1 while its node is not selected for E + 1).
   */
  static boolean canWithdrawEarly(StakedWal sw, boolean nodeInNextCommittee, int epoch) {
    if (sw.isWithdrawing()) {
      return false;
    }
    return sw.activationEpoch() == epoch + 2 || (sw.activationEpoch() == epoch + 1 && !nodeInNextCommittee);
  }
}
