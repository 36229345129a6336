package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.LedgerStore;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The staking pools and their exchange-rate histories, with the pool arithmetic of ledger.md
 * §5.2–5.3 and §5.7: exchange rates, stake at an epoch, rewards, and the per-epoch settlement
 * ({@code advance_epoch} with {@code process_pending_stake}).
 *
 * <p>Pools are lazy (§10.8): a pool only advances when it is in the old or the new committee of
 * an epoch change, so its rate history has gaps that {@link #rateAt} fills by walking back to the
 * latest recorded rate, as Move's {@code exchange_rate_at_epoch} does.
 */
public final class Pools {
  private final JournaledMap<ObjectId, StakingPool> pools;
  private final JournaledMap<PoolEpoch, ExchangeRate> rates;

  Pools(LedgerStore store) {
    this.pools = store.map("staking.pools", ObjectId.class, StakingPool.class);
    this.rates = store.map("staking.exchange_rates", PoolEpoch.class, ExchangeRate.class);
  }

  public Optional<StakingPool> find(ObjectId nodeId) {
    return pools.find(nodeId);
  }

  /** The pool of {@code nodeId}; an unknown ID aborts as Sui's object table does. */
  StakingPool require(ObjectId nodeId) {
    StakingPool pool = pools.get(nodeId);
    Abort.check(pool != null, StakingErrors.DYNAMIC_FIELD, StakingErrors.DOES_NOT_EXIST,
        "no staking pool for node " + nodeId);
    return pool;
  }

  void put(StakingPool pool) {
    pools.put(pool.nodeId(), pool);
  }

  /** Stores a new pool with the flat rate at its activation epoch. */
  void create(StakingPool pool) {
    put(pool);
    recordRate(pool.nodeId(), pool.activationEpoch(), ExchangeRate.FLAT);
  }

  /** All pools in node-ID order. */
  public SortedMap<ObjectId, StakingPool> all() {
    return pools.view();
  }

  /** FROST held by all pools (rewards and commission). */
  long heldFrost() {
    long total = 0;
    for (StakingPool p : pools.view().values()) {
      total = Math.addExact(total, p.heldFrost());
    }
    return total;
  }

  // ---- exchange rates ---------------------------------------------------------------------------

  private void recordRate(ObjectId nodeId, int epoch, ExchangeRate rate) {
    PoolEpoch key = new PoolEpoch(nodeId, epoch);
    Abort.check(!rates.contains(key), StakingErrors.DYNAMIC_FIELD, StakingErrors.ALREADY_EXISTS,
        "exchange rate of " + nodeId + " at epoch " + epoch + " already recorded");
    rates.put(key, rate);
  }

  /** {@code exchange_rate_at_epoch}: the latest rate at or before {@code epoch}, not before activation. */
  public ExchangeRate rateAt(StakingPool pool, int epoch) {
    if (epoch < pool.activationEpoch()) {
      return ExchangeRate.FLAT;
    }
    ExchangeRate exact = rates.get(new PoolEpoch(pool.nodeId(), epoch));
    if (exact != null) {
      return exact;
    }
    SortedMap<PoolEpoch, ExchangeRate> before = rates.view().headMap(new PoolEpoch(pool.nodeId(), epoch));
    if (!before.isEmpty()) {
      PoolEpoch last = before.lastKey();
      if (last.nodeId().equals(pool.nodeId()) && last.epoch() >= pool.activationEpoch()) {
        return before.get(last);
      }
    }
    return ExchangeRate.FLAT;
  }

  /** The recorded rates of one pool, by epoch. */
  public SortedMap<Integer, ExchangeRate> rates(ObjectId nodeId) {
    TreeMap<Integer, ExchangeRate> out = new TreeMap<>();
    rates.view().subMap(new PoolEpoch(nodeId, 0), new PoolEpoch(nodeId, Integer.MAX_VALUE))
        .forEach((k, v) -> out.put(k.epoch(), v));
    return Collections.unmodifiableSortedMap(out);
  }

  // ---- stake ------------------------------------------------------------------------------------

  /**
   * {@code wal_balance_at_epoch}: the pool's stake at a current or future epoch, settling on
   * paper the stakes and withdrawals pending until then at today's rate. This is the stake the
   * active set and the committee selection use.
   */
  public long walBalanceAtEpoch(StakingPool pool, int epoch) {
    StakeAccounting a = pool.accounting();
    ExchangeRate current = ExchangeRate.of(a.walBalance(), a.numShares());
    long preActiveShares = preActiveShares(pool, a.preActiveWithdrawals().upTo(epoch));
    long withdrawal = current.toWal(Checked.add(a.pendingSharesWithdraw().valueAt(epoch), preActiveShares));
    return Checked.sub(Checked.add(a.walBalance(), a.pendingStake().valueAt(epoch)), withdrawal);
  }

  /**
   * Shares of pre-active withdrawals: each entry {@code W → principal} was staked for exactly
   * epoch {@code W − 1}, so it converts at that epoch's rate.
   */
  private long preActiveShares(StakingPool pool, SortedMap<Integer, Long> due) {
    long shares = 0;
    for (var e : due.entrySet()) {
      shares = Checked.add(shares, rateAt(pool, e.getKey() - 1).toShares(e.getValue()));
    }
    return shares;
  }

  /**
   * {@code calculate_rewards}: what {@code principal} staked from {@code activationEpoch} has
   * earned by {@code withdrawEpoch}, never negative.
   */
  public long calculateRewards(StakingPool pool, long principal, int activationEpoch, int withdrawEpoch) {
    long shares = rateAt(pool, activationEpoch).toShares(principal);
    long value = rateAt(pool, withdrawEpoch).toWal(shares);
    return value >= principal ? value - principal : 0;
  }

  /** Books a new stake to activate at {@code activationEpoch}. */
  StakingPool stake(StakingPool pool, long amount, int activationEpoch) {
    StakeAccounting a = pool.accounting();
    return pool.withAccounting(a.withPendingStake(a.pendingStake().insertOrAdd(activationEpoch, amount)));
  }

  // ---- epoch settlement -------------------------------------------------------------------------

  /**
   * A pool after an epoch change, the commission taken from its reward, and what a penalty took
   * from the commission balance and from the stake, and left owing. Of the stake slashed, {@code
   * stakeBurnedNow} came out of the stakers' rewards held by the pool (to burn now); the rest
   * stays in the stakers' principals until they withdraw.
   */
  record Advance(StakingPool pool, long commission, long fromCommission, long fromStake, long stakeBurnedNow,
      long unpaid) {}

  /**
   * A penalty to collect during the advance (spec/challenges.md §8.3 steps t2–t3): {@code due}
   * FROST, from the commission balance, then — when {@code fromStake} — from the stake, at most
   * {@code maxStakeSlashBp} of it per epoch.
   */
  record Penalty(long due, boolean fromStake, int maxStakeSlashBp) {
    static final Penalty NONE = new Penalty(0, false, 0);
  }

  Advance advanceEpoch(StakingPool pool, long reward, int epoch) {
    return advanceEpoch(pool, reward, epoch, Penalty.NONE);
  }

  /**
   * {@code advance_epoch} into {@code epoch} with {@code reward} FROST for the epoch that ended:
   * the commission (at the old rate) goes to the blocked commission balance, pending rate
   * changes up to {@code epoch} apply (dev v4 rule: the latest one wins, all are flushed), the
   * rest of the reward raises the share value, a pending BLS key becomes the key, and the
   * epoch's stakes and withdrawals settle.
   */
  Advance advanceEpoch(StakingPool pool, long reward, int epoch, Penalty penalty) {
    StakeAccounting a = pool.accounting();
    Abort.check(epoch > a.latestEpoch(), StakingErrors.STAKING_POOL, StakingErrors.POOL_ALREADY_UPDATED,
        "pool " + pool.nodeId() + " already advanced to epoch " + a.latestEpoch());
    Abort.check(reward == 0 || a.walBalance() > 0, StakingErrors.STAKING_POOL, StakingErrors.INCORRECT_EPOCH_ADVANCE,
        "pool " + pool.nodeId() + " has rewards but no stake");
    Commission c = pool.commission();
    long commission = Checked.mulDiv(reward, c.rate(), Commission.MAX_RATE);
    int newRate = c.pendingRates().latestValueAt(epoch).map(Long::intValue).orElse(c.rate());
    c = c.withRate(newRate, c.pendingRates().flushed(epoch))
        .withBalance(Checked.add(c.balance(), commission), Checked.add(c.blocked(), commission));
    long stakersReward = reward - commission;
    long wal = Checked.add(a.walBalance(), stakersReward);
    long rewardsPool = Checked.add(a.rewardsPool(), stakersReward);
    // A penalty is collected after the commission split, so the new commission can be taken, and
    // before the rate is recorded, so a slash shows in the exchange rate of the new epoch.
    long due = penalty.due();
    long fromCommission = Math.min(due, c.balance());
    c = c.withBalance(c.balance() - fromCommission, c.blocked() - Math.min(c.blocked(), fromCommission));
    due -= fromCommission;
    long fromStake = 0;
    long burnedNow = 0;
    if (penalty.fromStake() && due > 0) {
      fromStake = Math.min(due, Checked.mulDiv(wal, penalty.maxStakeSlashBp(), Commission.MAX_RATE));
      wal -= fromStake;
      due -= fromStake;
      burnedNow = Math.min(fromStake, rewardsPool);
      rewardsPool -= burnedNow;
    }
    StakingPool updated = pool.withInfo(pool.info().rotated()).withCommission(c);

    ExchangeRate rate = ExchangeRate.of(wal, a.numShares());
    recordRate(pool.nodeId(), epoch, rate);
    wal = Checked.add(wal, a.pendingStake().valueAt(epoch));
    long preActiveShares = preActiveShares(updated, a.preActiveWithdrawals().upTo(epoch));
    long withdrawal = rate.toWal(Checked.add(a.pendingSharesWithdraw().valueAt(epoch), preActiveShares));
    Abort.check(wal >= withdrawal, StakingErrors.STAKING_POOL, StakingErrors.CALCULATION_ERROR,
        "pool " + pool.nodeId() + " withdraws " + withdrawal + " of " + wal);
    wal -= withdrawal;
    StakeAccounting settled = new StakeAccounting(
        epoch, wal, rate.toShares(wal), a.pendingStake().flushed(epoch), a.pendingSharesWithdraw().flushed(epoch),
        a.preActiveWithdrawals().flushed(epoch), rewardsPool);
    return new Advance(updated.withAccounting(settled), commission, fromCommission, fromStake, burnedNow, due);
  }
}
