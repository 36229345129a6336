package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.PenaltySource;
import dev.walrus.ledger.state.ChallengeApi;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochRewards;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.TxContext;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The pools' side of an epoch change (ledger.md §4.6 step 4 with spec/challenges.md §8.3): every
 * pool of the old committee advances with its reward, every newcomer with none, and what each
 * owes for storage challenges is collected on the way — from the reward first, then (inside the
 * advance) from the commission and, where the network allows, from the stake; the rest stays a
 * debt. Pools in neither committee stay lazy (their debt only grows by its interest).
 */
final class EpochSettlement {
  private final StakingStore store;
  private final ChallengeApi challenges;

  EpochSettlement(StakingStore store) {
    this.store = store;
    this.challenges = store.ledger.challenges();
  }

  /** Settles the change from epoch {@code ended} to the next, whose committee {@code next} already is current. */
  void settle(TxContext ctx, int ended, Committee old, Committee next, EpochVerdicts verdicts, EpochRewards paid) {
    int newEpoch = ended + 1;
    TreeSet<ObjectId> settling = new TreeSet<>();
    old.members().forEach(m -> settling.add(m.nodeId()));
    next.members().forEach(m -> settling.add(m.nodeId()));
    SortedMap<ObjectId, Long> dues = challenges.penaltiesDue(ctx, verdicts, paid, settling);
    Map<ObjectId, Long> helpers = challenges.takeHelperRewards(ctx, old);
    for (Committee.Member m : old.members()) {
      long reward = Checked.add(paid.rewards().getOrDefault(m.nodeId(), 0L), helpers.getOrDefault(m.nodeId(), 0L));
      long due = dues.getOrDefault(m.nodeId(), 0L);
      long fromReward = Math.min(due, reward);
      Pools.Advance a = advance(ctx, ended, m.nodeId(), reward - fromReward, due - fromReward, fromReward);
      ctx.emit(new LedgerEvent.PoolRewarded(ended, m.nodeId(), reward - fromReward, a.commission()));
    }
    for (Committee.Member m : next.members()) {
      if (old.indexOf(m.nodeId()) < 0) {
        advance(ctx, ended, m.nodeId(), 0, dues.getOrDefault(m.nodeId(), 0L), 0);
      }
    }
    for (ObjectId released : challenges.releasedAt(newEpoch)) {
      store.pools.find(released).ifPresent(store::refreshActiveSet);
    }
    challenges.epochStarted(ctx, next);
  }

  private Pools.Advance advance(TxContext ctx, int ended, ObjectId node, long reward, long due, long fromReward) {
    Pools.Penalty penalty = new Pools.Penalty(due, challenges.penaltySource() == PenaltySource.STAKE,
        challenges.maxStakeSlashBp());
    Pools.Advance a = store.pools.advanceEpoch(store.pools.require(node), reward, ended + 1, penalty);
    store.pools.put(a.pool());
    store.updateActiveSet(a.pool(), ended + 2);
    if (fromReward > 0 || due > 0) {
      store.ledger.treasury().burn(ctx, ended, a.stakeBurnedNow());
      challenges.stakeSlashed(node, a.fromStake() - a.stakeBurnedNow());
      challenges.collected(ctx, ended, node, fromReward, a.fromCommission(), a.fromStake(), a.unpaid());
    }
    return a;
  }
}
