package dev.walrus.ledger.state.system;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochRewards;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.RuleModule;
import dev.walrus.ledger.state.SystemApi;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.VerifiedSignature;
import dev.walrus.ledger.state.objects.LedgerObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Walrus's {@code System} object (ledger.md §2, §3, §4.6, §5.8–5.9): storage reservations, blobs,
 * shared blobs, the future-accounting ring with its reward pots, prices and capacity. The entry
 * point the ledger constructs; it dispatches operations to {@link StorageRules}, {@link
 * BlobRules} and {@link SharedBlobRules}, serves the epoch change and the fee pot to the rest of
 * the ledger ({@link SystemApi}), and offers cheap reads for the HTTP API.
 *
 * <p>Event blobs and deny lists (§3.6, §3.8) are not part of this ledger: it archives its own
 * history, and deny-list sizes are 0 in the reward formula.
 */
public final class SystemRules implements SystemApi, RuleModule {
  /** Share of an epoch's pot burnt at its end: {@code pot * 3 / 100}. */
  static final int BURN_PERCENT = 3;

  private final SystemTables t;
  private final CertificateVerifier verifier;
  private final StorageRules storage;
  private final BlobRules blobs;
  private final SharedBlobRules shared;

  public SystemRules(LedgerServices ledger) {
    this.t = new SystemTables(ledger);
    this.storage = new StorageRules(t);
    this.verifier = new CertificateVerifier();
    this.blobs = new BlobRules(t, storage, verifier);
    this.shared = new SharedBlobRules(t, blobs);
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return Set.of(
        Operation.ReserveSpace.class, Operation.ReserveSpaceForEpochs.class, Operation.SplitStorageByEpoch.class,
        Operation.SplitStorageBySize.class, Operation.FuseStorage.class, Operation.DestroyStorage.class,
        Operation.AddSubsidy.class, Operation.RegisterBlob.class, Operation.CertifyBlob.class,
        Operation.ExtendBlob.class, Operation.ExtendBlobWithResource.class, Operation.DeleteBlob.class,
        Operation.BurnBlob.class, Operation.InvalidateBlobId.class, Operation.SetBlobAttribute.class,
        Operation.RemoveBlobAttribute.class, Operation.ShareBlob.class, Operation.FundSharedBlob.class,
        Operation.ExtendSharedBlob.class);
  }

  /** Checks the block's certificates' signatures in bulk, before they are executed one by one. */
  @Override
  public void prepareBlock(List<Operation> operations, Set<VerifiedSignature> attested) {
    List<CertificateVerifier.Certificate> certificates = new ArrayList<>();
    for (Operation operation : operations) {
      certificates.addAll(CertificateVerifier.certificatesOf(operation));
    }
    verifier.precheck(t.ledger.staking().committee(), certificates, attested);
  }

  @Override
  public void execute(TxContext ctx, Operation operation) {
    switch (operation) {
      case Operation.ReserveSpace op -> storage.reserveSpace(ctx, op.size(), op.epochsAhead(), payer(ctx));
      case Operation.ReserveSpaceForEpochs op -> storage.reserveSpaceForEpochs(ctx, op.size(),
          Integer.toUnsignedLong(op.startEpoch()), Integer.toUnsignedLong(op.endEpoch()), payer(ctx));
      case Operation.SplitStorageByEpoch op -> storage.splitByEpoch(ctx, op.storage(), op.splitEpoch());
      case Operation.SplitStorageBySize op -> storage.splitBySize(ctx, op.storage(), op.size());
      case Operation.FuseStorage op -> storage.fuse(ctx, op.first(), op.second());
      case Operation.DestroyStorage op -> storage.destroy(ctx, op.storage());
      case Operation.AddSubsidy op -> storage.addSubsidy(ctx, op.amount(), op.epochs());
      case Operation.RegisterBlob op -> blobs.register(ctx, op, payer(ctx));
      case Operation.CertifyBlob op -> blobs.certify(ctx, op.blob(), op.signature(), op.signersBitmap(), op.message());
      case Operation.ExtendBlob op -> blobs.extendOwned(ctx, op.blob(), op.epochs());
      case Operation.ExtendBlobWithResource op -> blobs.extendWithResource(ctx, op.blob(), op.storage());
      case Operation.DeleteBlob op -> blobs.delete(ctx, op.blob());
      case Operation.BurnBlob op -> blobs.burn(ctx, op.blob());
      case Operation.InvalidateBlobId op ->
          blobs.invalidateBlobId(ctx, op.signature(), op.signersBitmap(), op.message());
      case Operation.SetBlobAttribute op -> blobs.setAttribute(ctx, op.blob(), op.key(), op.value());
      case Operation.RemoveBlobAttribute op -> blobs.removeAttribute(ctx, op.blob(), op.key());
      case Operation.ShareBlob op -> shared.share(ctx, op.blob(), op.funds());
      case Operation.FundSharedBlob op -> shared.fund(ctx, op.sharedBlob(), op.amount());
      case Operation.ExtendSharedBlob op -> shared.extend(ctx, op.sharedBlob(), op.epochs());
      default -> throw new IllegalArgumentException("not a system operation: " + operation);
    }
  }

  private Payer payer(TxContext ctx) {
    return t.account(ctx.sender());
  }

  // ---- SystemApi ----------------------------------------------------------------------------------

  /** {@code create_empty}: epoch 0, no capacity, prices 0, ring slot {@code k} for epoch {@code k}. */
  @Override
  public void initGenesis() {
    t.init();
  }

  /** Transaction fees (and anything else owed to the current epoch's nodes) join its reward pot. */
  @Override
  public void depositToCurrentPot(long amount) {
    t.ring.addRewards(0, amount);
  }

  /**
   * The system's part of the epoch change {@code E → newEpoch} (ledger.md §4.6 steps 1 and 3):
   * burns 3 % of epoch {@code E}'s pot ({@code WalBurned} names epoch {@code E}), pops {@code E}
   * off the ring, sets the used and total capacity of the new epoch ({@code max(capacityVote,
   * used)}, a vote of u64::MAX kept as {@link Long#MAX_VALUE}), and shares the rest of the pot
   * among {@code oldCommittee} (§5.8); what the floors leave goes to the new epoch's pot. Aborts
   * {@code EInvalidAccountingEpoch} unless the ring's current entry is epoch {@code newEpoch − 1}
   * (checking the new committee's epoch, Move's {@code EIncorrectCommittee}, is the caller's: the
   * committee lives in the staking module here).
   *
   * @return each old-committee member's reward, zeros included, in node-ID order
   */
  @Override
  public SortedMap<ObjectId, Long> advanceEpoch(TxContext ctx, Committee oldCommittee, int newEpoch, long capacityVote) {
    return advanceEpoch(ctx, oldCommittee, newEpoch, capacityVote, Map.of()).rewards();
  }

  /**
   * As above, with challenge verdicts: failed shards' rewards are withheld and burned in one
   * {@code WalBurned} of the ended epoch (spec/challenges.md §8.1); {@code r̄ = ⌊pot''/N⌋} of the
   * pot after the 3 % burn is returned for the penalty sizes (§8.2).
   */
  @Override
  public EpochRewards advanceEpoch(
      TxContext ctx, Committee oldCommittee, int newEpoch, long capacityVote, Map<ObjectId, Integer> failedShards) {
    FutureAccounting current = t.ring.lookup(0);
    Abort.check((long) current.epoch() + 1 == newEpoch, AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_ACCOUNTING_EPOCH,
        "the ring's current epoch is " + current.epoch() + ", not " + (newEpoch - 1L));
    long burn = Checked.mul(current.rewards(), BURN_PERCENT) / 100;
    t.ring.takeRewards(0, burn);
    t.ledger.treasury().burn(ctx, current.epoch(), burn);

    FutureAccounting ended = t.ring.popExpand();
    long used = t.ring.lookup(0).usedCapacity();
    long total = Math.max(SystemState.saturate(capacityVote), used);
    t.state.set(t.state().withCapacity(total, used));

    RewardDistribution d =
        RewardDistribution.compute(ended.rewards(), ended.usedCapacity(), oldCommittee, Map.of(), failedShards);
    t.ring.addRewards(0, d.leftover());
    long withheld = 0;
    for (long w : d.withheld().values()) {
      withheld = Checked.add(withheld, w);
    }
    t.ledger.treasury().burn(ctx, current.epoch(), withheld);
    long perShard = oldCommittee.nShards() == 0 ? 0 : ended.rewards() / oldCommittee.nShards();
    return new EpochRewards(d.rewards(), d.withheld(), perShard);
  }

  /** Prices as u64s; u64::MAX ({@code -1}) and anything above 2^63 are kept as {@link Long#MAX_VALUE}. */
  @Override
  public void setPrices(long storagePrice, long writePrice) {
    t.state.set(t.state().withPrices(SystemState.saturate(storagePrice), SystemState.saturate(writePrice)));
  }

  /** {@code storage_price_per_unit_size}: FROST per MiB per epoch. */
  @Override
  public long storagePrice() {
    return t.state().storagePrice();
  }

  /** {@code write_price_per_unit_size}: FROST per MiB of encoded size, once per registration. */
  @Override
  public long writePrice() {
    return t.state().writePrice();
  }

  /** Every reward pot of the ring plus every shared blob's funds. */
  @Override
  public long heldFrost() {
    return Checked.add(t.ring.totalRewards(), t.sharedFunds.get().frost());
  }

  // ---- reads for the HTTP API -----------------------------------------------------------------------

  /** Prices and capacities in one consistent read. */
  public SystemState state() {
    return t.state();
  }

  /** {@code total_capacity_size} in bytes ({@link Long#MAX_VALUE}: unlimited). */
  public long totalCapacitySize() {
    return t.state().totalCapacity();
  }

  /** {@code used_capacity_size}: bytes reserved for the current epoch. */
  public long usedCapacitySize() {
    return t.state().usedCapacity();
  }

  /** How many epochs ahead storage can be bought: the ring's length. */
  public int maxEpochsAhead() {
    return t.maxEpochsAhead();
  }

  /**
   * The encoded (billed) size of a blob of {@code unencodedSize} bytes for the current committee;
   * an {@link Abort} when no committee exists or the blob is too large.
   */
  public long encodedSize(long unencodedSize) {
    return EncodedSize.encodedBlobLength(unencodedSize, EncodedSize.RS2, t.nShards());
  }

  /** What reserving {@code size} bytes for {@code epochs} epochs costs at the current price. */
  public long storageCost(long size, int epochs) {
    return Checked.mul(Integer.toUnsignedLong(epochs), Checked.mul(storagePrice(), EncodedSize.storageUnits(size)));
  }

  /** The write fee of registering a blob of {@code unencodedSize} bytes at the current price. */
  public long writeCost(long unencodedSize) {
    return Checked.mul(writePrice(), EncodedSize.storageUnits(encodedSize(unencodedSize)));
  }

  /** The accounts of the epoch {@code offset} epochs from now ({@code 0 ≤ offset < maxEpochsAhead}). */
  public FutureAccounting futureAccounting(int offset) {
    return t.ring.lookup(Integer.toUnsignedLong(offset));
  }

  /** The reward pot of the epoch {@code offset} epochs from now, in FROST. */
  public long rewardPot(int offset) {
    return futureAccounting(offset).rewards();
  }

  /** FROST held in all shared blobs' funds. */
  public long sharedBlobFunds() {
    return t.sharedFunds.get().frost();
  }

  /** IDs of the live objects carrying {@code blobId}, owned {@code Blob}s and {@code SharedBlob}s. */
  public SortedMap<ObjectId, BlobHolding> blobObjectIds(BlobId blobId) {
    return t.blobIndex.find(blobId);
  }

  /** The live objects carrying {@code blobId} ({@code BlobObject}s and {@code SharedBlobObject}s). */
  public List<LedgerObject> blobObjects(BlobId blobId) {
    List<LedgerObject> out = new ArrayList<>();
    for (ObjectId id : blobObjectIds(blobId).keySet()) {
      out.add(t.ledger.objects().find(id));
    }
    return out;
  }
}
