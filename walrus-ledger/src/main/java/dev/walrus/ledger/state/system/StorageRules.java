package dev.walrus.ledger.state.system;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.ObjectStore;
import dev.walrus.ledger.state.objects.StorageResource;

/**
 * Storage reservations and the {@code Storage} object (ledger.md §2.3–2.6, §5.9 {@code
 * add_subsidy}): paying per epoch into the future-accounting ring, reserving capacity in every
 * covered epoch against the current total, and splitting, fusing and destroying reservations.
 *
 * <p>Epoch numbers and counts are u32s in Java {@code int}s and sizes u64s in {@code long}s; they
 * are widened (unsigned) before any arithmetic so that sums cannot wrap, and compared unsigned, so
 * each check holds for the full Move range even though BCS only admits values below 2^31 / 2^63.
 */
final class StorageRules {
  private final SystemTables t;

  StorageRules(SystemTables tables) {
    this.t = tables;
  }

  /** {@code reserve_space}: {@code size} bytes for epochs {@code [E, E + epochsAhead)}. */
  StorageResource reserveSpace(TxContext ctx, long size, int epochsAhead, Payer payer) {
    long k = Integer.toUnsignedLong(epochsAhead);
    Abort.check(k > 0 && k <= t.maxEpochsAhead(), AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_EPOCHS_AHEAD,
        "epochs ahead must be 1.." + t.maxEpochsAhead() + ", got " + k);
    long e = t.epoch();
    return reserveSpaceForEpochs(ctx, size, e, e + k, payer);
  }

  /**
   * {@code reserve_space_for_epochs}: the start is raised to {@code E}; the end must lie after it
   * and at most {@code maxEpochsAhead} epochs from now. Pays, then reserves with the capacity check.
   */
  StorageResource reserveSpaceForEpochs(TxContext ctx, long size, long startEpoch, long endEpoch, Payer payer) {
    long e = t.epoch();
    long start = Math.max(startEpoch, e);
    Abort.check(endEpoch > start, AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_EPOCHS_AHEAD,
        "end epoch " + endEpoch + " is not after the start epoch " + start);
    long endOffset = endEpoch - e;
    Abort.check(endOffset <= t.maxEpochsAhead(), AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_EPOCHS_AHEAD,
        "end epoch " + endEpoch + " is more than " + t.maxEpochsAhead() + " epochs ahead of " + e);
    processStoragePayments(size, start - e, endOffset, payer);
    Abort.check(size != 0, AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_RESOURCE_SIZE,
        "a storage reservation needs a positive size");
    reserveCapacity(size, start - e, endOffset, true);
    return createStorage(ctx, start, endEpoch, size);
  }

  /**
   * {@code process_storage_payments}: {@code storagePrice · units(size)} FROST into the pot of
   * every epoch offset in {@code [startOffset, endOffset)}, taken from {@code payer}.
   */
  void processStoragePayments(long size, long startOffset, long endOffset, Payer payer) {
    long perEpoch = Checked.mul(t.state().storagePrice(), EncodedSize.storageUnits(size));
    long epochs = endOffset - startOffset;
    if (perEpoch == 0 || epochs <= 0) {
      return;
    }
    if (Math.multiplyHigh(perEpoch, epochs) != 0 || perEpoch * epochs < 0) {
      throw SystemTables.unpayable("a storage payment of " + perEpoch + " FROST for " + epochs + " epochs");
    }
    payer.pay(perEpoch * epochs);
    for (long i = startOffset; i < endOffset; i++) {
      t.ring.addRewards(i, perEpoch);
    }
  }

  /**
   * Adds {@code size} bytes to the used capacity of every epoch offset in {@code [startOffset,
   * endOffset)}; with {@code check}, each must stay within the current total capacity ({@code
   * EStorageExceeded}). Offset 0 also updates {@code used_capacity_size}.
   */
  void reserveCapacity(long size, long startOffset, long endOffset, boolean check) {
    long total = t.state().totalCapacity();
    for (long i = startOffset; i < endOffset; i++) {
      long used = t.ring.increaseUsedCapacity(i, size);
      if (i == 0) {
        t.state.set(t.state().withUsedCapacity(used));
      }
      Abort.check(!check || used <= total, AbortCodes.SYSTEM, AbortCodes.SYS_STORAGE_EXCEEDED,
          "epoch offset " + i + " would use " + used + " of " + total + " bytes");
    }
  }

  private StorageResource createStorage(TxContext ctx, long start, long end, long size) {
    Abort.check(start < end, AbortCodes.STORAGE, AbortCodes.STORAGE_INVALID_EPOCH_RANGE,
        "storage range [" + start + ", " + end + ") is empty");
    StorageResource s = new StorageResource(
        ctx.newObjectId(), ctx.sender(), Checked.toU32(start), Checked.toU32(end), size);
    t.ledger.objects().put(s);
    return s;
  }

  /** {@code split_by_epoch}: the owned Storage keeps {@code [start, k)}, a new one gets {@code [k, end)}. */
  StorageResource splitByEpoch(TxContext ctx, ObjectId id, int splitEpoch) {
    StorageResource s = objects().requireOwned(ctx, id, StorageResource.class);
    long k = Integer.toUnsignedLong(splitEpoch);
    Abort.check(k > s.startEpoch() && k < s.endEpoch(), AbortCodes.STORAGE, AbortCodes.STORAGE_INVALID_EPOCH,
        "split epoch " + k + " is not inside (" + s.startEpoch() + ", " + s.endEpoch() + ")");
    objects().put(new StorageResource(s.id(), s.ownerAddress(), s.startEpoch(), splitEpoch, s.size()));
    StorageResource rest = new StorageResource(ctx.newObjectId(), ctx.sender(), splitEpoch, s.endEpoch(), s.size());
    objects().put(rest);
    return rest;
  }

  /** {@code split_by_size}: the owned Storage keeps {@code size} bytes, a new one gets the rest. */
  StorageResource splitBySize(TxContext ctx, ObjectId id, long size) {
    StorageResource s = objects().requireOwned(ctx, id, StorageResource.class);
    Abort.check(Long.compareUnsigned(s.size(), size) >= 0, AbortCodes.STORAGE, AbortCodes.STORAGE_INCOMPATIBLE_AMOUNT,
        "cannot split " + Long.toUnsignedString(size) + " bytes off a Storage of " + s.size());
    objects().put(new StorageResource(s.id(), s.ownerAddress(), s.startEpoch(), s.endEpoch(), size));
    StorageResource rest =
        new StorageResource(ctx.newObjectId(), ctx.sender(), s.startEpoch(), s.endEpoch(), s.size() - size);
    objects().put(rest);
    return rest;
  }

  /** {@code fuse}: {@code second} is consumed into {@code first}. */
  StorageResource fuse(TxContext ctx, ObjectId first, ObjectId second) {
    Abort.check(!first.equals(second), AbortCodes.OBJECT, AbortCodes.OBJECT_USED_TWICE,
        "cannot fuse Storage " + first + " with itself");
    StorageResource a = objects().requireOwned(ctx, first, StorageResource.class);
    StorageResource b = objects().requireOwned(ctx, second, StorageResource.class);
    StorageResource fused = fuse(a, b);
    objects().delete(ctx, b.id());
    objects().put(fused);
    return fused;
  }

  /** {@code storage_resource::fuse}: same start → {@link #fuseAmount}, else {@link #fusePeriods}. */
  static StorageResource fuse(StorageResource a, StorageResource b) {
    return a.startEpoch() == b.startEpoch() ? fuseAmount(a, b) : fusePeriods(a, b);
  }

  /** {@code fuse_periods}: equal sizes; {@code b} continues {@code a} or precedes it. */
  static StorageResource fusePeriods(StorageResource a, StorageResource b) {
    Abort.check(a.size() == b.size(), AbortCodes.STORAGE, AbortCodes.STORAGE_INCOMPATIBLE_AMOUNT,
        "periods of Storage with sizes " + a.size() + " and " + b.size() + " cannot be fused");
    if (a.endEpoch() == b.startEpoch()) {
      return new StorageResource(a.id(), a.ownerAddress(), a.startEpoch(), b.endEpoch(), a.size());
    }
    Abort.check(a.startEpoch() == b.endEpoch(), AbortCodes.STORAGE, AbortCodes.STORAGE_INCOMPATIBLE_EPOCHS,
        "periods [" + a.startEpoch() + ", " + a.endEpoch() + ") and [" + b.startEpoch() + ", " + b.endEpoch()
            + ") are not adjacent");
    return new StorageResource(a.id(), a.ownerAddress(), b.startEpoch(), a.endEpoch(), a.size());
  }

  /** {@code fuse_amount}: identical periods; sizes add. */
  static StorageResource fuseAmount(StorageResource a, StorageResource b) {
    Abort.check(a.startEpoch() == b.startEpoch() && a.endEpoch() == b.endEpoch(), AbortCodes.STORAGE,
        AbortCodes.STORAGE_INCOMPATIBLE_EPOCHS, "amounts of Storage with different periods cannot be fused");
    return new StorageResource(a.id(), a.ownerAddress(), a.startEpoch(), a.endEpoch(), Checked.add(a.size(), b.size()));
  }

  /** {@code destroy}: the reservation is dropped; nothing is refunded and no capacity freed. */
  void destroy(TxContext ctx, ObjectId id) {
    objects().requireOwned(ctx, id, StorageResource.class);
    objects().delete(ctx, id);
  }

  /**
   * {@code add_subsidy}: {@code amount} spread evenly over the pots of the next {@code epochs}
   * epochs, the remainder of the division to the current one. The coin is taken first: in Sui the
   * caller splits it off before the call, so a short balance fails before the range check.
   */
  void addSubsidy(TxContext ctx, long amount, int epochs) {
    t.account(ctx.sender()).pay(amount);
    long k = Integer.toUnsignedLong(epochs);
    Abort.check(k > 0 && k <= t.maxEpochsAhead(), AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_EPOCHS_AHEAD,
        "a subsidy covers 1.." + t.maxEpochsAhead() + " epochs, got " + k);
    long perEpoch = amount / k;
    for (long i = 0; i < k; i++) {
      t.ring.addRewards(i, perEpoch);
    }
    t.ring.addRewards(0, amount % k);
  }

  private ObjectStore objects() {
    return t.ledger.objects();
  }
}
