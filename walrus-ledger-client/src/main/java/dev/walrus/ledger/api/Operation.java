package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import java.util.List;
import java.util.Optional;

/**
 * The one operation a ledger transaction performs: the ledger's counterpart of a call into
 * Walrus's Move contracts ({@code shared/spec/ledger.md}). Payments come from the sender's WAL
 * balance; objects named by ID must be owned by the sender unless the rule says otherwise.
 *
 * <p>BCS: the variant index of {@link Bcs.Variant}, then the record's fields. Indices are part of
 * the wire format and never reused.
 */
public sealed interface Operation {

  // ---- WAL and objects ------------------------------------------------------------------------

  /** Moves {@code amount} FROST to {@code to}. */
  @Bcs.Variant(0)
  record Transfer(Address to, long amount) implements Operation {}

  /** Takes {@code amount} FROST from the faucet (local and test networks only). */
  @Bcs.Variant(1)
  record RequestFaucet(long amount) implements Operation {}

  /** Gives an owned object (Storage, Blob, StakedWal, StorageNodeCap) to another address. */
  @Bcs.Variant(2)
  record TransferObject(ObjectId object, Address to) implements Operation {}

  // ---- storage resources (ledger.md §2) -------------------------------------------------------

  /** {@code reserve_space}: {@code size} bytes from the current epoch for {@code epochsAhead}. */
  @Bcs.Variant(10)
  record ReserveSpace(long size, int epochsAhead) implements Operation {}

  /** {@code reserve_space_for_epochs}: {@code [startEpoch, endEpoch)}, possibly in the future. */
  @Bcs.Variant(11)
  record ReserveSpaceForEpochs(long size, int startEpoch, int endEpoch) implements Operation {}

  @Bcs.Variant(12)
  record SplitStorageByEpoch(ObjectId storage, int splitEpoch) implements Operation {}

  @Bcs.Variant(13)
  record SplitStorageBySize(ObjectId storage, long size) implements Operation {}

  /** {@code fuse}: same start → amounts add; adjacent periods of equal size → periods join. */
  @Bcs.Variant(14)
  record FuseStorage(ObjectId first, ObjectId second) implements Operation {}

  @Bcs.Variant(15)
  record DestroyStorage(ObjectId storage) implements Operation {}

  /** {@code add_subsidy}: spreads {@code amount} over the reward pots of the next {@code epochs}. */
  @Bcs.Variant(16)
  record AddSubsidy(long amount, int epochs) implements Operation {}

  // ---- blobs (ledger.md §3) -------------------------------------------------------------------

  /** {@code register_blob}; {@code rootHash} is the 32-byte Merkle root of the metadata. */
  @Bcs.Variant(20)
  record RegisterBlob(
      ObjectId storage, BlobId blobId, byte[] rootHash, long size, @Bcs.U8 int encodingType, boolean deletable)
      implements Operation {}

  /** {@code certify_blob} with a quorum certificate of the current committee. */
  @Bcs.Variant(21)
  record CertifyBlob(ObjectId blob, BlsSignature signature, byte[] signersBitmap, byte[] message)
      implements Operation {}

  @Bcs.Variant(22)
  record ExtendBlob(ObjectId blob, int epochs) implements Operation {}

  @Bcs.Variant(23)
  record ExtendBlobWithResource(ObjectId blob, ObjectId storage) implements Operation {}

  /** {@code delete_blob}: deletable blobs only; the Storage object comes back to the sender. */
  @Bcs.Variant(24)
  record DeleteBlob(ObjectId blob) implements Operation {}

  /** {@code blob::burn}: drops the object (no event, no refund). */
  @Bcs.Variant(25)
  record BurnBlob(ObjectId blob) implements Operation {}

  /** {@code invalidate_blob_id} with a certificate of at least f+1 shard weight. */
  @Bcs.Variant(26)
  record InvalidateBlobId(BlsSignature signature, byte[] signersBitmap, byte[] message) implements Operation {}

  /** {@code insert_or_update_metadata_pair}. */
  @Bcs.Variant(27)
  record SetBlobAttribute(ObjectId blob, String key, String value) implements Operation {}

  /** {@code remove_metadata_pair}. */
  @Bcs.Variant(28)
  record RemoveBlobAttribute(ObjectId blob, String key) implements Operation {}

  /** {@code shared_blob::new_funded}: wraps an owned blob into a shared blob with funds. */
  @Bcs.Variant(29)
  record ShareBlob(ObjectId blob, long funds) implements Operation {}

  @Bcs.Variant(30)
  record FundSharedBlob(ObjectId sharedBlob, long amount) implements Operation {}

  /** {@code shared_blob::extend}: anyone; paid from the shared blob's funds. */
  @Bcs.Variant(31)
  record ExtendSharedBlob(ObjectId sharedBlob, int epochs) implements Operation {}

  // ---- storage nodes and staking (ledger.md §5, §8) --------------------------------------------

  /**
   * {@code register_candidate}; the proof of possession signs {@code [0,0,3] ‖ epoch ‖ sender
   * address ‖ public key}. {@code networkPublicKey} is 33 bytes.
   */
  @Bcs.Variant(40)
  record RegisterCandidate(
      String name,
      String networkAddress,
      BlsPublicKey publicKey,
      byte[] networkPublicKey,
      BlsSignature proofOfPossession,
      @Bcs.U16 int commissionRate,
      long storagePrice,
      long writePrice,
      long nodeCapacity)
      implements Operation {}

  @Bcs.Variant(41)
  record StakeWithPool(ObjectId nodeId, long amount) implements Operation {}

  @Bcs.Variant(42)
  record RequestWithdrawStake(ObjectId stakedWal) implements Operation {}

  @Bcs.Variant(43)
  record WithdrawStake(ObjectId stakedWal) implements Operation {}

  @Bcs.Variant(44)
  record SplitStakedWal(ObjectId stakedWal, long amount) implements Operation {}

  @Bcs.Variant(45)
  record JoinStakedWal(ObjectId stakedWal, ObjectId other) implements Operation {}

  @Bcs.Variant(46)
  record SetNextCommission(ObjectId nodeCap, @Bcs.U16 int commissionRate) implements Operation {}

  /** Sender must be the pool's commission receiver. */
  @Bcs.Variant(47)
  record CollectCommission(ObjectId nodeId) implements Operation {}

  @Bcs.Variant(48)
  record SetStoragePriceVote(ObjectId nodeCap, long price) implements Operation {}

  @Bcs.Variant(49)
  record SetWritePriceVote(ObjectId nodeCap, long price) implements Operation {}

  @Bcs.Variant(50)
  record SetNodeCapacityVote(ObjectId nodeCap, long capacity) implements Operation {}

  @Bcs.Variant(51)
  record SetNextPublicKey(ObjectId nodeCap, BlsPublicKey publicKey, BlsSignature proofOfPossession)
      implements Operation {}

  /** {@code set_name}, {@code set_network_address}, {@code set_network_public_key} in one call. */
  @Bcs.Variant(52)
  record UpdateNodeInfo(
      ObjectId nodeCap, Optional<String> name, Optional<String> networkAddress, Optional<byte[]> networkPublicKey)
      implements Operation {}

  @Bcs.Variant(53)
  record TryJoinActiveSet(ObjectId nodeCap) implements Operation {}

  @Bcs.Variant(54)
  record EpochSyncDone(ObjectId nodeCap, int epoch) implements Operation {}

  /** {@code update_prices}: recomputes prices from the current committee's votes. */
  @Bcs.Variant(55)
  record UpdatePrices() implements Operation {}

  /** Sender must be the current commission receiver. */
  @Bcs.Variant(56)
  record SetCommissionReceiver(ObjectId nodeId, Address receiver) implements Operation {}

  /** Sender must be the current governance-authorized address. */
  @Bcs.Variant(57)
  record SetGovernanceAuthorized(ObjectId nodeId, Address authorized) implements Operation {}

  // ---- governance (ledger.md §6–7) --------------------------------------------------------------

  /** Sender must be the voter's governance-authorized address; weight = the voter's shards. */
  @Bcs.Variant(60)
  record VoteForSlashing(ObjectId voterNodeId, ObjectId candidateNodeId) implements Operation {}

  @Bcs.Variant(61)
  record ExecuteSlashing(ObjectId candidateNodeId) implements Operation {}

  @Bcs.Variant(62)
  record CleanupSlashingProposals(List<ObjectId> candidateNodeIds) implements Operation {}

  // ---- storage challenges (spec/challenges.md §7.2) ----------------------------------------------

  /**
   * {@code challenge_ack}: a member's beacon share for epoch {@code epoch}, its BLS signature on
   * {@code BEACON{epoch, node_id}}; accepted from {@code t_open} until the seed is set.
   */
  @Bcs.Variant(80)
  record ChallengeAck(ObjectId nodeCap, int epoch, BlsSignature beaconSignature) implements Operation {}

  /** {@code challenge_force_seed} (anyone): after the ack timeout, seeds from F1 acks or skips the epoch. */
  @Bcs.Variant(81)
  record ChallengeForceSeed(int epoch) implements Operation {}

  /**
   * {@code challenge_submit_report} (anyone may relay): {@code report} is the BCS of a {@code
   * CHALLENGE_REPORT} message, {@code signature} its reporter's BLS signature over those bytes.
   */
  @Bcs.Variant(82)
  record ChallengeSubmitReport(int epoch, byte[] report, BlsSignature signature) implements Operation {}

  /**
   * {@code epoch_sync_done_v2}: {@code epoch_sync_done}, naming the gained shards that were rebuilt
   * from the committee rather than received from their previous owner.
   */
  @Bcs.Variant(83)
  record EpochSyncDoneV2(ObjectId nodeCap, int epoch, List<Integer> recovered) implements Operation {}

  /** {@code shard_request_recovery}: the node reports it lost {@code shards} and pays for their recovery. */
  @Bcs.Variant(84)
  record ShardRequestRecovery(ObjectId nodeCap, List<Integer> shards) implements Operation {}

  /** {@code penalty_propose}: new penalty sizes, voted on until {@code voting_end}. */
  @Bcs.Variant(85)
  record PenaltyPropose(ObjectId nodeCap, PenaltyParams params) implements Operation {}

  /**
   * {@code penalty_vote}: for the proposal with this digest (BLAKE2b-256 of the params' BCS), or
   * for the status quo when empty. A later vote replaces the node's earlier one.
   */
  @Bcs.Variant(86)
  record PenaltyVote(ObjectId nodeCap, Optional<byte[]> proposal) implements Operation {}

  // ---- Walrus Sites (sites.md §8.2); a site is an owned object, moved with TransferObject --------

  /** Creates a site owned by the sender; its object ID is the transaction's first created object. */
  @Bcs.Variant(100)
  record CreateSite(String name, SiteMetadata metadata) implements Operation {}

  /** Applies {@code diff} to a site the sender owns, all or nothing. */
  @Bcs.Variant(101)
  record UpdateSite(ObjectId site, SiteDiff diff) implements Operation {}

  /** Deletes a site the sender owns with all its resources, routes and redirects: no orphans. */
  @Bcs.Variant(102)
  record DestroySite(ObjectId site) implements Operation {}

  // ---- epochs (ledger.md §4); the ledger also runs both by itself when their time comes ----------

  @Bcs.Variant(70)
  record VotingEnd() implements Operation {}

  @Bcs.Variant(71)
  record InitiateEpochChange() implements Operation {}

  // ---- several operations in one transaction -----------------------------------------------------

  /**
   * Runs {@code operations} in order as one transaction, all or nothing — what a Sui programmable
   * transaction does for Walrus's clients, e.g. {@code reserve_space} then {@code register_blob}
   * with the storage just reserved. An operation names an object created earlier in the batch by
   * {@link ObjectIds#batchResult(int)}: the objects the transaction creates are numbered from 0 in
   * the order they are created. One fee; if any operation aborts, the whole batch is rolled back
   * and the abort names that operation. At most {@value #MAX_OPERATIONS} operations, none of them
   * a batch.
   */
  @Bcs.Variant(90)
  record Batch(List<Operation> operations) implements Operation {
    public static final int MAX_OPERATIONS = 64;

    public Batch {
      operations = List.copyOf(operations);
      if (operations.isEmpty() || operations.size() > MAX_OPERATIONS) {
        throw new IllegalArgumentException(
            "a batch holds 1 to " + MAX_OPERATIONS + " operations, not " + operations.size());
      }
      for (Operation o : operations) {
        if (o instanceof Batch) {
          throw new IllegalArgumentException("a batch cannot contain a batch");
        }
      }
    }

    public static Batch of(Operation... operations) {
      return new Batch(List.of(operations));
    }
  }
}
