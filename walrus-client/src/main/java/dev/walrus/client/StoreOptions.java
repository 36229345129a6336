package dev.walrus.client;

import dev.walrus.core.BlobId;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to store a blob. Immutable; each {@code with…} method returns a copy. Defaults: 1 epoch,
 * deletable (as Walrus since 1.33 — a permanent blob must be asked for), no force, owned storage
 * and registrations reused, not shared, no progress reports.
 */
public final class StoreOptions {
  private static final StoreOptions DEFAULTS =
      new StoreOptions(1, true, false, true, false, ProgressListener.NONE, id -> { });

  private final int epochs;
  private final boolean deletable;
  private final boolean force;
  private final boolean reuseResources;
  private final boolean share;
  private final ProgressListener progress;
  private final Consumer<BlobId> beforeStoring;

  private StoreOptions(int epochs, boolean deletable, boolean force, boolean reuseResources, boolean share,
      ProgressListener progress, Consumer<BlobId> beforeStoring) {
    this.epochs = epochs;
    this.deletable = deletable;
    this.force = force;
    this.reuseResources = reuseResources;
    this.share = share;
    this.progress = progress;
    this.beforeStoring = beforeStoring;
  }

  public static StoreOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Epochs ahead to store for, counting the current one: the blob's end epoch (exclusive) is
   * {@code current + epochs}. At most the network's {@code maxEpochsAhead}, checked by the ledger.
   */
  public StoreOptions withEpochs(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    return new StoreOptions(epochs, deletable, force, reuseResources, share, progress, beforeStoring);
  }

  /**
   * Whether the owner may delete the blob before its end epoch. A permanent blob is guaranteed
   * available until then, and storing the same data again is free (already certified).
   */
  public StoreOptions withDeletable(boolean deletable) {
    return new StoreOptions(epochs, deletable, force, reuseResources, share, progress, beforeStoring);
  }

  /** Shorthand for {@code withDeletable(false)}. */
  public StoreOptions permanent() {
    return withDeletable(false);
  }

  /**
   * Skips the status check, so data already stored and certified long enough is registered and
   * uploaded again (a new Blob object, paid for again). Owned storage and uncertified
   * registrations are still reused.
   */
  public StoreOptions withForce(boolean force) {
    return new StoreOptions(epochs, deletable, force, reuseResources, share, progress, beforeStoring);
  }

  /**
   * Whether to look at the wallet's objects before buying (default true): an owned Blob object
   * of the same blob ID is reused (certified → nothing to do; registered → upload and certify;
   * too short → extended), else an owned Storage object that is big and long enough (split to
   * size). Off, every store buys new storage — one ledger read fewer for wallets with many objects.
   */
  public StoreOptions withReuseResources(boolean reuse) {
    return new StoreOptions(epochs, deletable, force, reuse, share, progress, beforeStoring);
  }

  /**
   * Wraps the newly stored blob into a shared blob object (without funds) that anyone can fund
   * and extend. Permanent blobs only.
   */
  public StoreOptions withShare(boolean share) {
    return new StoreOptions(epochs, deletable, force, reuseResources, share, progress, beforeStoring);
  }

  /** Where to report the upload's progress. */
  public StoreOptions withProgress(ProgressListener progress) {
    return new StoreOptions(epochs, deletable, force, reuseResources, share,
        Objects.requireNonNull(progress, "progress"), beforeStoring);
  }

  /**
   * A check run once the blob is encoded and its ID known, before anything is asked of the
   * network or paid: an exception it throws ends the store (a publisher refuses blocked content
   * this way without encoding the blob twice).
   */
  public StoreOptions withBeforeStoring(Consumer<BlobId> check) {
    return new StoreOptions(epochs, deletable, force, reuseResources, share, progress,
        Objects.requireNonNull(check, "check"));
  }

  public int epochs() {
    return epochs;
  }

  public boolean deletable() {
    return deletable;
  }

  public boolean force() {
    return force;
  }

  public boolean reuseResources() {
    return reuseResources;
  }

  public boolean share() {
    return share;
  }

  public ProgressListener progress() {
    return progress;
  }

  public Consumer<BlobId> beforeStoring() {
    return beforeStoring;
  }

  @Override
  public String toString() {
    return "StoreOptions[epochs=" + epochs + ", deletable=" + deletable + ", force=" + force + ", reuseResources="
        + reuseResources + ", share=" + share + "]";
  }
}
