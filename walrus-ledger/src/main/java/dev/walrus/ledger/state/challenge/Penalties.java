package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochRewards;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.TxContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Penalty sizes, debts and their collection (spec/challenges.md §8.2–8.3, §8.5).
 *
 * <p>A penalty is {@code bp·r̄/10000} per shard (at least the floor), {@code r̄} being the
 * epoch's per-shard reward, so failing costs more than an epoch of income whatever prices do.
 * It is collected at the epoch change from the node's reward, then its commission, then (when
 * the network slashes stake) at most {@code max_stake_slash_bp} of its pool's stake; the rest is
 * a debt that grows by {@code debt_interest_bp} per epoch and is collected the same way at later
 * changes. Everything collected is burned, except what a shard's previous owner or a node that
 * lost a shard pays its recovery helpers.
 *
 * <p>Choices left open by the spec, made so that no coalition below f+1 shards can make an
 * honest node pay: a receiver's claim that it rebuilt a shard charges the shard's previous owner
 * only if that owner's shard failed on F1 evidence in the epoch before the hand-over; otherwise
 * the claim costs only the claimant its receiver penalty. A migration penalty charged during an
 * epoch is taken from the commission at once and the rest becomes debt (collected, with stake,
 * at the next change), so stake never moves between epoch boundaries; only what was taken from
 * commission can pay helpers, the rest is burned when collected. Debts are capped at the total
 * supply, so interest can never overflow.
 */
final class Penalties {
  private final ChallengeTables t;

  Penalties(ChallengeTables t) {
    this.t = t;
  }

  /** {@code max(⌊bp·r̄/10000⌋, floor)} per shard. */
  static long perShard(int bp, long perShardReward, long floor) {
    return Math.max(Checked.mulDiv(perShardReward, bp, 10_000), floor);
  }

  /**
   * What to burn of a withdrawn principal worth {@code value} after slashing (§8.3 (b)): the
   * shortfall below the principal, but the staker keeps at least {@code floorBp} of it, and never
   * more is burned than the pool's slashed stake not yet burned (so rounding alone burns nothing).
   */
  static long withdrawalBurn(long principal, long value, int floorBp, long slashedUnburned) {
    if (value >= principal || slashedUnburned == 0) {
      return 0;
    }
    long floor = Checked.mulDiv(principal, floorBp, 10_000);
    return Math.max(0, Math.min(principal - Math.max(value, floor), slashedUnburned));
  }

  /** {@code Π} of a verdict: penalties (3) and (4) of WP2 §6.4, each times the node's shards. */
  static long penalty(EpochVerdicts.NodeVerdict v, PenaltyParams p, long perShardReward) {
    long w = v.shards().size();
    long total = 0;
    if (v.dataFail()) {
      total = Checked.add(total, Checked.mul(perShard(p.failBp(), perShardReward, p.floorFrost()), w));
    }
    if (v.issueFail()) {
      total = Checked.add(total, Checked.mul(perShard(p.issueBp(), perShardReward, p.floorFrost()), w));
    }
    return total;
  }

  SortedMap<ObjectId, Long> due(TxContext ctx, EpochVerdicts verdicts, EpochRewards rewards, Set<ObjectId> settling) {
    Governance g = t.gov();
    t.governance.set(g.withPerShardReward(rewards.perShardReward()));
    TreeMap<ObjectId, Long> out = new TreeMap<>();
    for (var e : verdicts.nodes().entrySet()) {
      EpochVerdicts.NodeVerdict v = e.getValue();
      long pi = penalty(v, g.params(), rewards.perShardReward());
      long withheld = rewards.withheld().getOrDefault(e.getKey(), 0L);
      EpochKey key = new EpochKey(verdicts.epoch(), e.getKey());
      t.results.put(key, t.results.find(key).orElse(NodeResult.none()).withCost(withheld, pi));
      ctx.emit(new LedgerEvent.ChallengeResult(verdicts.epoch(), e.getKey(), v.shards().size(), v.failed(),
          v.syncingShards().size(), v.dataFail(), v.issueFail(), withheld, pi, v.failedShards()));
      if (pi > 0) {
        out.put(e.getKey(), pi);
      }
    }
    for (var e : new TreeMap<>(t.nodes.view()).entrySet()) {
      long debt = e.getValue().debt();
      if (debt == 0) {
        continue;
      }
      long grown = cap(Checked.add(debt, Checked.mulDiv(debt, t.config.debtInterestBp(), 10_000)));
      if (settling.contains(e.getKey())) {
        out.merge(e.getKey(), grown, (a, b) -> cap(Checked.add(a, b)));
        t.putNode(e.getKey(), e.getValue().withDebt(0));
      } else {
        t.putNode(e.getKey(), e.getValue().withDebt(grown));
      }
    }
    return out;
  }

  void collected(TxContext ctx, int epoch, ObjectId node, long fromReward, long fromCommission, long fromStake,
      long left) {
    t.ledger.treasury().burn(ctx, epoch, Checked.add(fromReward, fromCommission));
    NodeRecord r = t.node(node);
    t.putNode(node, r.withDebt(cap(Checked.add(r.debt(), left))));
    EpochKey key = new EpochKey(epoch, node);
    t.results.put(key, t.results.find(key).orElse(NodeResult.none())
        .withCollection(fromReward, fromCommission, fromStake, left));
    ctx.emit(new LedgerEvent.PenaltyApplied(epoch, node, fromReward, fromCommission, fromStake, left));
  }

  /**
   * Charges {@code amount} now: from the commission at once (paid to {@code helpers} pro rata to
   * their shards, or burned when there are none), the rest added to the node's debt.
   */
  void chargeNow(TxContext ctx, int epoch, ObjectId node, long amount, List<Committee.Member> helpers) {
    if (amount == 0) {
      return;
    }
    long taken = t.staking.takeCommission(node, amount);
    long weight = helpers.stream().mapToLong(Committee.Member::weight).sum();
    long paid = 0;
    if (weight > 0 && taken > 0) {
      for (Committee.Member h : helpers) {
        long share = Checked.mulDiv(taken, h.weight(), weight);
        if (share > 0) {
          NodeRecord r = t.node(h.nodeId());
          t.putNode(h.nodeId(), r.withHelperCredit(Checked.add(r.helperCredit(), share)));
          paid = Checked.add(paid, share);
        }
      }
      Governance g = t.gov();
      t.governance.set(g.withHelperPot(Checked.add(g.helperPot(), paid)));
    }
    t.ledger.treasury().burn(ctx, epoch, taken - paid);
    NodeRecord r = t.node(node);
    t.putNode(node, r.withDebt(cap(Checked.add(r.debt(), amount - taken))));
    ctx.emit(new LedgerEvent.PenaltyApplied(epoch, node, 0, taken, 0, amount - taken));
  }

  Map<ObjectId, Long> takeHelperRewards(TxContext ctx, Committee ending) {
    TreeMap<ObjectId, Long> out = new TreeMap<>();
    long pot = t.gov().helperPot();
    for (Committee.Member m : ending.members()) {
      NodeRecord r = t.node(m.nodeId());
      if (r.helperCredit() > 0) {
        out.put(m.nodeId(), r.helperCredit());
        pot = Checked.sub(pot, r.helperCredit());
        t.putNode(m.nodeId(), r.withHelperCredit(0));
        ctx.emit(new LedgerEvent.RecoveryHelpersPaid(ending.epoch(), m.nodeId(), r.helperCredit()));
      }
    }
    t.governance.set(t.gov().withHelperPot(pot));
    return out;
  }

  /** Members other than {@code excluded}: who helps rebuild a shard. */
  static List<Committee.Member> helpers(Committee c, ObjectId... excluded) {
    List<Committee.Member> out = new ArrayList<>();
    outer:
    for (Committee.Member m : c.members()) {
      for (ObjectId x : excluded) {
        if (m.nodeId().equals(x)) {
          continue outer;
        }
      }
      out.add(m);
    }
    return out;
  }

  private static long cap(long debt) {
    return Math.min(debt, GenesisConfig.TOTAL_SUPPLY);
  }
}
