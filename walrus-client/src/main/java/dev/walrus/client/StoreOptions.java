package dev.walrus.client;

/**
 * How to store a blob. Immutable; each {@code with…} method returns a copy. Defaults: 1 epoch,
 * deletable (as Walrus since 1.33 — a permanent blob must be asked for), no force.
 */
public final class StoreOptions {
  private static final StoreOptions DEFAULTS = new StoreOptions(1, true, false);

  private final int epochs;
  private final boolean deletable;
  private final boolean force;

  private StoreOptions(int epochs, boolean deletable, boolean force) {
    this.epochs = epochs;
    this.deletable = deletable;
    this.force = force;
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
    return new StoreOptions(epochs, deletable, force);
  }

  /**
   * Whether the owner may delete the blob before its end epoch. A permanent blob is guaranteed
   * available until then, and storing the same data again is free (already certified).
   */
  public StoreOptions withDeletable(boolean deletable) {
    return new StoreOptions(epochs, deletable, force);
  }

  /** Shorthand for {@code withDeletable(false)}. */
  public StoreOptions permanent() {
    return withDeletable(false);
  }

  /**
   * Skips the status check, so data already stored and certified long enough is registered and
   * uploaded again (a new Blob object, paid for again).
   */
  public StoreOptions withForce(boolean force) {
    return new StoreOptions(epochs, deletable, force);
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

  @Override
  public String toString() {
    return "StoreOptions[epochs=" + epochs + ", deletable=" + deletable + ", force=" + force + "]";
  }
}
