package dev.walrus.ledger.state.staking;

import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Move's {@code PendingValues} (ledger.md §5.3): amounts (FROST, shares or commission rates) that
 * take effect at a future epoch. Pools only settle at epoch changes, so stakes, withdrawals and
 * rate changes wait here keyed by the epoch they apply to. Immutable: every change returns a new
 * value. Entries reduced to zero stay, as in Move.
 */
public record PendingValues(SortedMap<Integer, Long> values) {
  public static final PendingValues EMPTY = new PendingValues(new TreeMap<>());

  public PendingValues {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** Adds {@code value} to the entry of {@code epoch}, creating it if absent. */
  public PendingValues insertOrAdd(int epoch, long value) {
    TreeMap<Integer, Long> m = new TreeMap<>(values);
    m.merge(epoch, value, Checked::add);
    return new PendingValues(m);
  }

  /** Sets the entry of {@code epoch} to {@code value}. */
  public PendingValues insertOrReplace(int epoch, long value) {
    TreeMap<Integer, Long> m = new TreeMap<>(values);
    m.put(epoch, value);
    return new PendingValues(m);
  }

  /** Subtracts {@code value} from the entry of {@code epoch}, which must exist and suffice. */
  public PendingValues reduce(int epoch, long value) {
    Long current = values.get(epoch);
    Abort.check(current != null, StakingErrors.PENDING_VALUES, StakingErrors.MISSING_EPOCH_VALUE,
        "no pending value for epoch " + epoch);
    Abort.check(current >= value, StakingErrors.PENDING_VALUES, StakingErrors.REDUCE_VALUE_TOO_LARGE,
        "pending value " + current + " at epoch " + epoch + " is below " + value);
    TreeMap<Integer, Long> m = new TreeMap<>(values);
    m.put(epoch, current - value);
    return new PendingValues(m);
  }

  /** The sum of all entries with epoch {@code <= epoch} ({@code value_at}). */
  public long valueAt(int epoch) {
    long sum = 0;
    for (long v : upTo(epoch).values()) {
      sum = Checked.add(sum, v);
    }
    return sum;
  }

  /** The entry with the largest epoch {@code <= epoch} ({@code latest_value_at}). */
  public Optional<Long> latestValueAt(int epoch) {
    SortedMap<Integer, Long> due = upTo(epoch);
    return due.isEmpty() ? Optional.empty() : Optional.of(due.get(due.lastKey()));
  }

  /** The entries with epoch {@code <= epoch}, in epoch order. */
  public SortedMap<Integer, Long> upTo(int epoch) {
    return epoch == Integer.MAX_VALUE ? values : values.headMap(epoch + 1);
  }

  /** This without the entries {@code <= epoch}: {@code flush}, whose sum is {@link #valueAt}. */
  public PendingValues flushed(int epoch) {
    return epoch == Integer.MAX_VALUE ? EMPTY : new PendingValues(values.tailMap(epoch + 1));
  }
}
