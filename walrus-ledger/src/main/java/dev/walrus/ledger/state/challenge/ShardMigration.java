package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import dev.walrus.ledger.state.staking.StakingState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shard migration penalties and voluntary recovery (spec/challenges.md §8.5, WP2 §6.2).
 *
 * <p>{@code epoch_sync_done_v2} names gained shards the receiver rebuilt from the committee
 * instead of receiving them: the receiver pays {@code p_recv} per shard (burned); the previous
 * owner pays {@code p_send} per shard to the helpers — but only if that owner's shard failed on
 * F1 evidence in the epoch it held it (see {@link Penalties} for why). A member that reports no
 * sync done by {@code t_open} is treated the same way for its senders, without a receiver
 * penalty (being slow may be a lying sender's doing). {@code shard_request_recovery} lets a node
 * that lost shards pay {@code p_send} per shard to the helpers and have them judged as syncing
 * this epoch, if it asks before the seed.
 */
final class ShardMigration {
  private final ChallengeTables t;
  private final Penalties penalties;
  private final Epochs epochs;

  ShardMigration(ChallengeTables t, Penalties penalties, Epochs epochs) {
    this.t = t;
    this.penalties = penalties;
    this.epochs = epochs;
  }

  /** A member reported its shards in sync (observed from {@code ShardsReceived}). */
  void syncDone(TxContext ctx, int epoch, ObjectId node) {
    boolean beforeSeed = epochs.current(epoch).status() == ChallengeStatus.PENDING;
    EpochKey key = new EpochKey(epoch, node);
    t.nodeEpochs.put(key, t.nodeEpoch(epoch, node).synced(ctx.now(), beforeSeed));
  }

  void syncDoneV2(TxContext ctx, Operation.EpochSyncDoneV2 op) {
    StorageNodeCap cap = t.ledger.objects().requireOwned(ctx, op.nodeCap(), StorageNodeCap.class);
    t.staking.execute(ctx, new Operation.EpochSyncDone(op.nodeCap(), op.epoch()));
    StakingState s = t.staking.state();
    Set<Integer> gained = gained(s, cap.nodeId());
    List<Integer> recovered = sortedUnique(op.recovered());
    for (int sh : recovered) {
      Abort.check(gained.contains(sh), ChallengeErrors.MODULE, ChallengeErrors.MALFORMED,
          "shard " + sh + " was not gained by " + cap.nodeId() + " in epoch " + s.epoch());
    }
    if (recovered.isEmpty()) {
      return;
    }
    PenaltyParams p = t.gov().params();
    long perShard = Penalties.perShard(p.recvBp(), t.gov().perShardReward(), p.floorFrost());
    penalties.chargeNow(ctx, s.epoch(), cap.nodeId(), Checked.mul(perShard, recovered.size()), List.of());
    chargeSenders(ctx, s, cap.nodeId(), recovered);
  }

  void requestRecovery(TxContext ctx, Operation.ShardRequestRecovery op) {
    StorageNodeCap cap = t.ledger.objects().requireOwned(ctx, op.nodeCap(), StorageNodeCap.class);
    StakingState s = t.staking.state();
    int e = s.epoch();
    Committee c = s.committee();
    int index = c.indexOf(cap.nodeId());
    Abort.check(index >= 0, ChallengeErrors.MODULE, ChallengeErrors.NOT_MEMBER,
        "node " + cap.nodeId() + " is not in the committee of epoch " + e);
    List<Integer> shards = sortedUnique(op.shards());
    Abort.check(!shards.isEmpty() && c.members().get(index).shards().containsAll(shards), ChallengeErrors.MODULE,
        ChallengeErrors.MALFORMED, "shards " + op.shards() + " are not all " + cap.nodeId() + "'s");
    PenaltyParams p = t.gov().params();
    long amount = Checked.mul(Penalties.perShard(p.sendBp(), t.gov().perShardReward(), p.floorFrost()), shards.size());
    penalties.chargeNow(ctx, e, cap.nodeId(), amount, Penalties.helpers(c, cap.nodeId()));
    if (epochs.current(e).status() == ChallengeStatus.PENDING) {
      NodeEpoch ne = t.nodeEpoch(e, cap.nodeId());
      TreeSet<Integer> lost = new TreeSet<>(ne.lostBeforeSeed());
      lost.addAll(shards);
      t.nodeEpochs.put(new EpochKey(e, cap.nodeId()), ne.withLost(new ArrayList<>(lost)));
    }
  }

  /** At the end of epoch {@code s.epoch()}: members silent about their sync by {@code t_open} count as having rebuilt. */
  void closeEpoch(TxContext ctx, StakingState s, long tOpen) {
    for (Committee.Member m : s.committee().members()) {
      Optional<Long> done = t.nodeEpoch(s.epoch(), m.nodeId()).syncDoneAtMs();
      if (done.isEmpty() || done.get() > tOpen) {
        chargeSenders(ctx, s, m.nodeId(), new ArrayList<>(gained(s, m.nodeId())));
      }
    }
  }

  /** Charges each culpable previous owner of {@code shards} once, and records the failed transfers. */
  private void chargeSenders(TxContext ctx, StakingState s, ObjectId receiver, List<Integer> shards) {
    int e = s.epoch();
    NodeEpoch ne = t.nodeEpoch(e, receiver);
    Set<Integer> charged = new HashSet<>(ne.charged());
    PenaltyParams p = t.gov().params();
    long perShard = Penalties.perShard(p.sendBp(), t.gov().perShardReward(), p.floorFrost());
    for (int sh : shards) {
      if (!charged.add(sh)) {
        continue;
      }
      Optional<Committee.Member> sender = s.previousCommittee().members().stream()
          .filter(m -> m.shards().contains(sh)).findFirst();
      if (sender.isEmpty() || sender.get().nodeId().equals(receiver)) {
        continue;
      }
      ObjectId from = sender.get().nodeId();
      ctx.emit(new LedgerEvent.ShardTransferFailed(e, sh, from, receiver));
      boolean culpable = t.results.find(new EpochKey(e - 1, from))
          .map(r -> r.failedShards().contains(sh)).orElse(false);
      if (culpable) {
        penalties.chargeNow(ctx, e, from, perShard, Penalties.helpers(s.committee(), from, receiver));
      }
    }
    t.nodeEpochs.put(new EpochKey(e, receiver), ne.withCharged(new ArrayList<>(new TreeSet<>(charged))));
  }

  private static Set<Integer> gained(StakingState s, ObjectId node) {
    int now = s.committee().indexOf(node);
    if (now < 0) {
      return Set.of();
    }
    Set<Integer> out = new TreeSet<>(s.committee().members().get(now).shards());
    int before = s.previousCommittee().indexOf(node);
    if (before >= 0) {
      s.previousCommittee().members().get(before).shards().forEach(out::remove);
    }
    return out;
  }

  private static List<Integer> sortedUnique(List<Integer> shards) {
    List<Integer> out = new ArrayList<>(new TreeSet<>(shards));
    Abort.check(out.size() == shards.size(), ChallengeErrors.MODULE, ChallengeErrors.MALFORMED,
        "shards repeat: " + shards);
    return out;
  }
}
