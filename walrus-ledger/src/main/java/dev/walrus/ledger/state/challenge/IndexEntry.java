package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A blob in the challenge index (spec/challenges.md §5.1): its size, the first epoch any object
 * of it was certified in, the end epoch of each live certified object, and whether the blob ID
 * was proven inconsistent.
 */
public record IndexEntry(long size, int certifiedEpochMin, SortedMap<ObjectId, Integer> ends, boolean invalid) {

  public IndexEntry {
    ends = Collections.unmodifiableSortedMap(new TreeMap<>(ends));
  }

  /** Eligible in {@code epoch}: valid, certified before it, and stored beyond it. */
  public boolean eligibleIn(int epoch) {
    return !invalid && !ends.isEmpty() && certifiedEpochMin <= epoch - 1
        && ends.values().stream().mapToInt(Integer::intValue).max().orElse(0) > epoch;
  }

  IndexEntry withEnd(ObjectId object, int end, int certifiedEpoch) {
    TreeMap<ObjectId, Integer> e = new TreeMap<>(ends);
    e.put(object, end);
    return new IndexEntry(size, Math.min(certifiedEpochMin, certifiedEpoch), e, invalid);
  }

  IndexEntry without(ObjectId object) {
    TreeMap<ObjectId, Integer> e = new TreeMap<>(ends);
    e.remove(object);
    return new IndexEntry(size, certifiedEpochMin, e, invalid);
  }

  /** Drops the objects whose storage ended by {@code epoch}. */
  IndexEntry expiredBy(int epoch) {
    TreeMap<ObjectId, Integer> e = new TreeMap<>(ends);
    e.values().removeIf(end -> end <= epoch);
    return new IndexEntry(size, certifiedEpochMin, e, invalid);
  }

  IndexEntry invalidated() {
    return new IndexEntry(size, certifiedEpochMin, ends, true);
  }

  /** Worth keeping: some live object, or an invalid mark that keeps the ID ineligible for good. */
  boolean worthKeeping() {
    return invalid || !ends.isEmpty();
  }
}
