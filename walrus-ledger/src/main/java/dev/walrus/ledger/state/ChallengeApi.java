package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.PenaltySource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What the epoch change and staking need from the storage-challenge module (spec/challenges.md
 * §7–8). The staking module orchestrates the change, because it owns the pools that penalties
 * are collected from; this interface supplies verdicts, penalty amounts and jail terms, and
 * records what was collected. {@link #DISABLED} is the module of a network without challenges:
 * no verdicts, no penalties, nobody jailed.
 */
public interface ChallengeApi {

  /** Called with every committed transaction's events (feeds the challenge index). */
  void observe(TxContext ctx, List<LedgerEvent> events);

  /** The verdicts of the ending epoch; records them and any jail terms they earn. */
  EpochVerdicts closeEpoch(TxContext ctx, Committee ending, Committee previous);

  /**
   * What each node owes at this change: the penalties of {@code verdicts} sized by the epoch's
   * per-shard reward, plus debt carried over with interest (the debt is taken out of the
   * records; whatever is not collected comes back through {@link #collected}).
   *
   * @param nodes the pools that settle at this change (old and new committee), in ID order
   */
  SortedMap<ObjectId, Long> penaltiesDue(TxContext ctx, EpochVerdicts verdicts, EpochRewards rewards, Set<ObjectId> nodes);

  /**
   * Rewards owed to recovery helpers among {@code ending}'s members, taken out of the module's
   * pot, to be added to their pools' rewards.
   */
  Map<ObjectId, Long> takeHelperRewards(TxContext ctx, Committee ending);

  /** How {@code node}'s due was collected; {@code left} becomes its debt. Burns what was taken. */
  void collected(TxContext ctx, int epoch, ObjectId node, long fromReward, long fromCommission, long fromStake, long left);

  /** After the change: applies voted parameters, adapts intensity, prunes, opens the new epoch. */
  void epochStarted(TxContext ctx, Committee next);

  /** At {@code voting_end}: tallies the penalty-parameter votes. */
  void votingEnded(TxContext ctx);

  /** Whether {@code node} is kept out of committee selection in {@code epoch}. */
  boolean isJailed(ObjectId node, int epoch);

  /** Nodes whose jail term ends at {@code epoch} (to re-enter the active set). */
  List<ObjectId> releasedAt(int epoch);

  PenaltySource penaltySource();

  int maxStakeSlashBp();

  /** Records stake slashed from {@code node}'s pool (burned later, at withdrawals). */
  void stakeSlashed(ObjectId node, long amount);

  /**
   * A withdrawal worth {@code value} of a stake whose principal is {@code principal}: how much of
   * the principal to burn (what slashing took, never more than the pool's slashed stake not yet
   * burned, and leaving at least the redemption floor). 0 when nothing was slashed.
   */
  long withdrawalBurn(ObjectId node, long principal, long value);

  /** FROST the module holds (the recovery helpers' pot). */
  long heldFrost();

  ChallengeApi DISABLED = new ChallengeApi() {
    @Override
    public void observe(TxContext ctx, List<LedgerEvent> events) {}

    @Override
    public EpochVerdicts closeEpoch(TxContext ctx, Committee ending, Committee previous) {
      return EpochVerdicts.none(ending.epoch());
    }

    @Override
    public SortedMap<ObjectId, Long> penaltiesDue(
        TxContext ctx, EpochVerdicts verdicts, EpochRewards rewards, Set<ObjectId> nodes) {
      return java.util.Collections.emptySortedMap();
    }

    @Override
    public Map<ObjectId, Long> takeHelperRewards(TxContext ctx, Committee ending) {
      return Map.of();
    }

    @Override
    public void collected(
        TxContext ctx, int epoch, ObjectId node, long fromReward, long fromCommission, long fromStake, long left) {}

    @Override
    public void epochStarted(TxContext ctx, Committee next) {}

    @Override
    public void votingEnded(TxContext ctx) {}

    @Override
    public boolean isJailed(ObjectId node, int epoch) {
      return false;
    }

    @Override
    public List<ObjectId> releasedAt(int epoch) {
      return List.of();
    }

    @Override
    public PenaltySource penaltySource() {
      return PenaltySource.COMMISSION_ONLY;
    }

    @Override
    public int maxStakeSlashBp() {
      return 0;
    }

    @Override
    public void stakeSlashed(ObjectId node, long amount) {}

    @Override
    public long withdrawalBurn(ObjectId node, long principal, long value) {
      return 0;
    }

    @Override
    public long heldFrost() {
      return 0;
    }
  };
}
