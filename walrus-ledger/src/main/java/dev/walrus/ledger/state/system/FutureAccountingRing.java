package dev.walrus.ledger.state.system;

import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.JournaledCell;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.LedgerStore;

/**
 * Move's {@code FutureAccountingRingBuffer} (ledger.md §2.4): one entry per epoch from the
 * current one to {@code length − 1} epochs ahead, holding the capacity reserved for it and its
 * reward pot.
 *
 * <p>Each slot is its own table entry keyed by slot number, so a payment for one epoch rewrites
 * one small entry (not the whole ring) and the state digest follows suit. The slot of offset
 * {@code i} is {@code (currentIndex + i) % length}; an epoch change replaces the current slot's
 * entry with the one {@code length} epochs later and moves {@code currentIndex} on, exactly as
 * Move's {@code ring_pop_expand} swap-removes into the same position.
 */
public final class FutureAccountingRing {
  private final JournaledMap<Integer, FutureAccounting> slots;
  private final JournaledCell<Integer> currentIndex;
  private final int length;

  FutureAccountingRing(LedgerStore store, int length) {
    this.slots = store.map("system.future_accounting", Integer.class, FutureAccounting.class);
    this.currentIndex = store.cell("system.future_accounting.current_index", Integer.class);
    this.length = length;
  }

  /** {@code ring_new}: slot {@code k} holds epoch {@code k}, nothing reserved or paid. */
  void init() {
    for (int k = 0; k < length; k++) {
      slots.put(k, FutureAccounting.empty(k));
    }
    currentIndex.set(0);
  }

  /** {@code max_epochs_ahead}: the ring's length. */
  public int length() {
    return length;
  }

  /** {@code ring_lookup(offset)}: aborts {@code ETooFarInFuture} unless {@code offset < length}. */
  public FutureAccounting lookup(long offset) {
    return slots.get(slot(offset));
  }

  private int slot(long offset) {
    Abort.check(offset >= 0 && offset < length, AbortCodes.ACCOUNTING, AbortCodes.ACC_TOO_FAR_IN_FUTURE,
        "epoch offset " + offset + " is beyond the " + length + " epochs the ring covers");
    return (int) ((currentIndex.get() + offset) % length);
  }

  /** Adds {@code amount} FROST to the pot of the epoch {@code offset} epochs ahead. */
  void addRewards(long offset, long amount) {
    int slot = slot(offset);
    if (amount != 0) {
      FutureAccounting a = slots.get(slot);
      slots.put(slot, a.withRewards(Checked.add(a.rewards(), amount)));
    }
  }

  /** Takes {@code amount} FROST out of the pot {@code offset} epochs ahead (aborts if short). */
  void takeRewards(long offset, long amount) {
    int slot = slot(offset);
    if (amount != 0) {
      FutureAccounting a = slots.get(slot);
      slots.put(slot, a.withRewards(Checked.sub(a.rewards(), amount)));
    }
  }

  /** {@code increase_used_capacity}: reserves {@code bytes} more in that epoch; returns the new total. */
  long increaseUsedCapacity(long offset, long bytes) {
    int slot = slot(offset);
    FutureAccounting a = slots.get(slot);
    long used = Checked.add(a.usedCapacity(), bytes);
    slots.put(slot, a.withUsedCapacity(used));
    return used;
  }

  /**
   * {@code ring_pop_expand}: removes the current epoch's entry and returns it; its slot now holds
   * a fresh entry for epoch {@code current + length}, and the next slot becomes current.
   */
  FutureAccounting popExpand() {
    int index = currentIndex.get();
    FutureAccounting popped = slots.get(index);
    slots.put(index, FutureAccounting.empty(Checked.toU32((long) popped.epoch() + length)));
    currentIndex.set((index + 1) % length);
    return popped;
  }

  /** FROST in every pot of the ring, for the conservation sum. */
  public long totalRewards() {
    long total = 0;
    for (FutureAccounting a : slots.view().values()) {
      total = Checked.add(total, a.rewards());
    }
    return total;
  }
}
