package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.staking.Apportionment.Allocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Shard IDs for a new committee (ledger.md §4.5, Move's {@code committee}). Moving a shard costs
 * a transfer of its data between nodes, so a transition keeps every shard where it is unless its
 * node leaves or shrinks; only the surplus moves. Which IDs move where is consensus-relevant:
 * Move's LIFO stack of freed shards and the order of the nodes needing more are reproduced
 * exactly.
 */
public final class ShardAssignment {
  private ShardAssignment() {}

  /** {@code initialize}: the first committee, shard IDs handed out in node-ID order. */
  public static SortedMap<ObjectId, List<Integer>> initialize(List<Allocation> target) {
    TreeMap<ObjectId, Integer> sorted = new TreeMap<>();
    for (Allocation a : target) {
      sorted.put(a.nodeId(), a.shards());
    }
    TreeMap<ObjectId, List<Integer>> out = new TreeMap<>();
    int next = 0;
    for (var e : sorted.entrySet()) {
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < e.getValue(); i++) {
        ids.add(next++);
      }
      out.put(e.getKey(), List.copyOf(ids));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * {@code transition} from {@code old} (node ID order) to the counts {@code target} (active-set
   * order). Leaving nodes free all their shards and shrinking nodes their last ones, pushed onto
   * a stack; nodes needing more (new ones in {@code target} order, then growing ones in ID order)
   * pop from it.
   */
  public static SortedMap<ObjectId, List<Integer>> transition(
      SortedMap<ObjectId, List<Integer>> old, List<Allocation> target) {
    List<Allocation> pending = new ArrayList<>(target);
    long newTotal = 0;
    for (Allocation a : target) {
      newTotal += a.shards();
    }
    TreeMap<ObjectId, List<Integer>> out = new TreeMap<>();
    List<Integer> toMove = new ArrayList<>();
    long oldTotal = 0;
    for (var e : old.entrySet()) {
      ObjectId node = e.getKey();
      List<Integer> previous = e.getValue();
      oldTotal += previous.size();
      int index = indexOf(pending, node);
      int assigned = index < 0 ? 0 : pending.remove(index).shards();
      if (assigned == 0) {
        toMove.addAll(previous);
      } else if (previous.size() == assigned) {
        out.put(node, previous);
      } else if (previous.size() > assigned) {
        List<Integer> kept = new ArrayList<>(previous);
        while (kept.size() > assigned) {
          toMove.add(kept.removeLast());
        }
        out.put(node, List.copyOf(kept));
      } else {
        pending.add(new Allocation(node, assigned));
      }
    }
    Abort.check(newTotal == oldTotal, StakingErrors.COMMITTEE, StakingErrors.INVALID_SHARD_ASSIGNMENT,
        "new committee has " + newTotal + " shards, old " + oldTotal);
    for (Allocation a : pending) {
      if (a.shards() == 0) {
        continue;
      }
      List<Integer> shards = new ArrayList<>(old.getOrDefault(a.nodeId(), List.of()));
      while (shards.size() < a.shards()) {
        shards.add(toMove.removeLast());
      }
      out.put(a.nodeId(), List.copyOf(shards));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private static int indexOf(List<Allocation> list, ObjectId node) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).nodeId().equals(node)) {
        return i;
      }
    }
    return -1;
  }
}
