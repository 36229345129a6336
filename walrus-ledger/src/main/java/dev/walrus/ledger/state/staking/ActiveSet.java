package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import java.util.ArrayList;
import java.util.List;

/**
 * Move's {@code ActiveSet} (ledger.md §4.3): the candidates for the next committee with the stake
 * they will have at the selection. The <em>vector order</em> is consensus-relevant: D'Hondt
 * breaks ties in favour of earlier entries and shard hand-out follows it, so {@link
 * #insertOrUpdate} reproduces Move's push, in-place overwrite and swap-remove exactly.
 */
public record ActiveSet(@Bcs.U16 int maxSize, List<Entry> nodes, long totalStake) {

  /** {@code MIN_STAKE}: any positive stake qualifies. */
  public static final long THRESHOLD_STAKE = 0;

  public record Entry(ObjectId nodeId, long stake) {}

  public ActiveSet {
    nodes = List.copyOf(nodes);
  }

  public static ActiveSet empty(int maxSize) {
    Abort.check(maxSize > 0, StakingErrors.ACTIVE_SET, StakingErrors.ZERO_MAX_SIZE, "active set max size is 0");
    return new ActiveSet(maxSize, List.of(), 0);
  }

  public int indexOf(ObjectId nodeId) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).nodeId().equals(nodeId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code insert_or_update}: zero stake removes the node (the last entry moves into its slot);
   * a present node's stake is overwritten in place; a new node is appended while there is room,
   * otherwise it replaces the first entry with the strictly smallest stake below its own, or is
   * not inserted.
   */
  public ActiveSet insertOrUpdate(ObjectId nodeId, long stake) {
    int index = indexOf(nodeId);
    List<Entry> list = new ArrayList<>(nodes);
    if (stake == 0 || stake < THRESHOLD_STAKE) {
      if (index < 0) {
        return this;
      }
      Entry removed = list.get(index);
      Entry last = list.removeLast();
      if (index < list.size()) {
        list.set(index, last);
      }
      return new ActiveSet(maxSize, list, Checked.sub(totalStake, removed.stake()));
    }
    if (index >= 0) {
      long total = Checked.sub(Checked.add(totalStake, stake), list.get(index).stake());
      list.set(index, new Entry(nodeId, stake));
      return new ActiveSet(maxSize, list, total);
    }
    if (list.size() < maxSize) {
      list.add(new Entry(nodeId, stake));
      return new ActiveSet(maxSize, list, Checked.add(totalStake, stake));
    }
    long minStake = stake;
    int minIndex = -1;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).stake() < minStake) {
        minIndex = i;
        minStake = list.get(i).stake();
      }
    }
    if (minIndex < 0) {
      return this;
    }
    list.set(minIndex, new Entry(nodeId, stake));
    return new ActiveSet(maxSize, list, Checked.add(Checked.sub(totalStake, minStake), stake));
  }

  public long[] stakes() {
    return nodes.stream().mapToLong(Entry::stake).toArray();
  }
}
