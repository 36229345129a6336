package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.List;

/**
 * Events the ledger emits; storage nodes and clients follow them in sequence order. Names and
 * fields follow Walrus's Move events (ledger.md §9.4); the staking and pool events are the
 * ledger's own, for wallets and explorers.
 */
public sealed interface LedgerEvent {

  @Bcs.Variant(0)
  record BlobRegistered(
      int epoch, BlobId blobId, long size, @Bcs.U8 int encodingType, int endEpoch, boolean deletable, ObjectId objectId)
      implements LedgerEvent {}

  /** {@code epoch} is the first certified epoch, also for extensions. */
  @Bcs.Variant(1)
  record BlobCertified(
      int epoch, BlobId blobId, int endEpoch, boolean deletable, ObjectId objectId, boolean isExtension)
      implements LedgerEvent {}

  @Bcs.Variant(2)
  record BlobDeleted(int epoch, BlobId blobId, int endEpoch, ObjectId objectId, boolean wasCertified)
      implements LedgerEvent {}

  @Bcs.Variant(3)
  record InvalidBlobId(int epoch, BlobId blobId) implements LedgerEvent {}

  @Bcs.Variant(4)
  record EpochChangeStart(int epoch) implements LedgerEvent {}

  @Bcs.Variant(5)
  record EpochChangeDone(int epoch) implements LedgerEvent {}

  @Bcs.Variant(6)
  record ShardsReceived(int epoch, List<Integer> shards) implements LedgerEvent {}

  @Bcs.Variant(7)
  record EpochParametersSelected(int nextEpoch) implements LedgerEvent {}

  /** Declared for compatibility; like Walrus, the ledger never emits it. */
  @Bcs.Variant(8)
  record ShardRecoveryStart(int epoch, List<Integer> shards) implements LedgerEvent {}

  @Bcs.Variant(9)
  record PricesUpdated(int epoch, long storagePrice, long writePrice) implements LedgerEvent {}

  // ---- staking and pools ------------------------------------------------------------------------

  @Bcs.Variant(20)
  record StakingPoolCreated(int epoch, ObjectId nodeId, ObjectId nodeCapId, Address owner, String name)
      implements LedgerEvent {}

  @Bcs.Variant(21)
  record StakeDeposited(
      int epoch, ObjectId nodeId, ObjectId stakedWalId, Address staker, long amount, int activationEpoch)
      implements LedgerEvent {}

  @Bcs.Variant(22)
  record StakeWithdrawalRequested(int epoch, ObjectId nodeId, ObjectId stakedWalId, int withdrawEpoch)
      implements LedgerEvent {}

  @Bcs.Variant(23)
  record StakeWithdrawn(int epoch, ObjectId nodeId, ObjectId stakedWalId, long principal, long rewards)
      implements LedgerEvent {}

  /** The rewards of one pool at an epoch change, and the commission taken from them. */
  @Bcs.Variant(24)
  record PoolRewarded(int epoch, ObjectId nodeId, long reward, long commission) implements LedgerEvent {}

  @Bcs.Variant(25)
  record CommissionCollected(int epoch, ObjectId nodeId, Address receiver, long amount) implements LedgerEvent {}

  @Bcs.Variant(26)
  record NodeSlashed(int epoch, ObjectId nodeId, long burnedCommission) implements LedgerEvent {}

  /** WAL destroyed: the 3 % of each epoch's pot, or slashed commission. */
  @Bcs.Variant(27)
  record WalBurned(int epoch, long amount) implements LedgerEvent {}

  // ---- storage challenges (spec/challenges.md §7.3) ------------------------------------------------

  @Bcs.Variant(50)
  record ChallengeAcked(int epoch, ObjectId nodeId, int ackedWeight) implements LedgerEvent {}

  /** The seed is set: {@code blobIds} is the challenged set, ascending; its digest is {@code setDigest}. */
  @Bcs.Variant(51)
  record ChallengeSeeded(int epoch, byte[] seed, byte[] setDigest, List<BlobId> blobIds) implements LedgerEvent {}

  /** No challenge this epoch (too few acks, nothing eligible): no verdicts, no challenge effects. */
  @Bcs.Variant(52)
  record ChallengeSkipped(int epoch, String reason) implements LedgerEvent {}

  @Bcs.Variant(53)
  record ChallengeReportAccepted(int epoch, ObjectId reporter) implements LedgerEvent {}

  /**
   * One member's verdict for {@code epoch}, at the epoch change: of its {@code shards}, {@code
   * failed} failed (of which {@code syncing} were still being synced or declared lost), whether it
   * failed at least half its other shards ({@code dataFail}) or did not challenge ({@code
   * issueFail}), the reward withheld (burned) and the penalty due.
   */
  @Bcs.Variant(54)
  record ChallengeResult(
      int epoch, ObjectId nodeId, int shards, int failed, int syncing, boolean dataFail, boolean issueFail,
      long rewardWithheld, long penalty, List<Integer> failedShards) implements LedgerEvent {}

  /** How a penalty (with the debt carried over) was collected; {@code toDebt} is still owed. */
  @Bcs.Variant(55)
  record PenaltyApplied(
      int epoch, ObjectId nodeId, long fromReward, long fromCommission, long fromStake, long toDebt)
      implements LedgerEvent {}

  /** Out of committee selection until epoch {@code until}. */
  @Bcs.Variant(56)
  record NodeJailed(ObjectId nodeId, int until) implements LedgerEvent {}

  /** {@code receiver} rebuilt {@code shard} instead of receiving it from {@code sender}. */
  @Bcs.Variant(57)
  record ShardTransferFailed(int epoch, int shard, ObjectId sender, ObjectId receiver) implements LedgerEvent {}

  /** The penalty sizes from epoch {@code epoch} on. */
  @Bcs.Variant(58)
  record PenaltyParamsChanged(int epoch, PenaltyParams params) implements LedgerEvent {}

  /** WAL paid to helpers of shard recovery (from a sender's or requester's penalty), with this epoch's reward. */
  @Bcs.Variant(59)
  record RecoveryHelpersPaid(int epoch, ObjectId nodeId, long amount) implements LedgerEvent {}

  // ---- Walrus Sites ------------------------------------------------------------------------------

  @Bcs.Variant(70)
  record SiteCreated(ObjectId siteId, Address owner, String name) implements LedgerEvent {}

  /** A site changed: {@code version} is its new version, with {@code removed} and {@code put} resources. */
  @Bcs.Variant(71)
  record SiteUpdated(ObjectId siteId, long version, int removed, int put) implements LedgerEvent {}

  @Bcs.Variant(72)
  record SiteDestroyed(ObjectId siteId) implements LedgerEvent {}

  // ---- WAL ----------------------------------------------------------------------------------------

  /**
   * WAL moved from one account to another: transfers and faucet payouts. Walrus reads balance
   * changes from Sui's transaction effects; here they are events, so wallets and subscribers see
   * payments in the same stream as everything else.
   */
  @Bcs.Variant(40)
  record WalTransferred(Address from, Address to, long amount) implements LedgerEvent {}
}
