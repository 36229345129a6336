package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Shards per node from stake: D'Hondt with a per-node cap (ledger.md §4.4, Move's {@code
 * staking_inner::dhondt}). Proportional to stake, but no node may hold more than a tenth of the
 * shards once there are 20 nodes, so a large staker cannot dominate the committee.
 *
 * <p>Quotients {@code S_i / (s_i + 1)} are compared exactly by cross-multiplication in 128 bits;
 * Move compares their UQ64.64 floors, which orders identically because denominators are at most
 * {@code N + 1 ≤ 65536}. Ties go to the earlier active-set entry (priority {@code n − i}), so the
 * maximum is always unique and any correct priority queue yields Move's result.
 */
public final class Apportionment {
  /** From this many nodes on, the cap is {@code N / 10}. */
  static final int MIN_NODES_FOR_SHARDS_LIMIT = 20;
  static final int SHARDS_LIMIT_DENOMINATOR = 10;

  /** A node and its number of shards, in active-set order. */
  public record Allocation(ObjectId nodeId, int shards) {}

  private Apportionment() {}

  /** {@code max_shards_per_node}. */
  public static long maxShardsPerNode(long nNodes, long nShards) {
    if (nNodes >= MIN_NODES_FOR_SHARDS_LIMIT) {
      return nShards / SHARDS_LIMIT_DENOMINATOR;
    }
    return Checked.divCeil(nShards * MIN_NODES_FOR_SHARDS_LIMIT, nNodes * SHARDS_LIMIT_DENOMINATOR);
  }

  /**
   * Whether {@link #dhondt} can run without aborting: some stake, and caps that leave room for
   * every shard (with fewer than 10 shards and 20 nodes the cap is 0 and Move's queue runs dry).
   */
  public static boolean feasible(long[] stakes, int nShards) {
    long total = 0;
    for (long s : stakes) {
      total = Checked.add(total, s);
    }
    return total > 0 && maxShardsPerNode(stakes.length, nShards) * stakes.length >= nShards;
  }

  /** Shards per entry of {@code stakes} (vector order); aborts {@code ENoStake} without stake. */
  public static int[] dhondt(long[] stakes, int nShards) {
    int n = stakes.length;
    long total = 0;
    for (long s : stakes) {
      total = Checked.add(total, s);
    }
    Abort.check(total > 0, StakingErrors.STAKING_INNER, StakingErrors.NO_STAKE, "no stake in the active set");
    long cap = maxShardsPerNode(n, nShards);
    long divisor = total / (nShards + 1L) + 1;
    long[] shards = new long[n];
    PriorityQueue<Integer> queue = new PriorityQueue<>(Math.max(1, n), (a, b) -> -compare(stakes, shards, a, b));
    long distributed = 0;
    for (int i = 0; i < n; i++) {
      shards[i] = Math.min(stakes[i] / divisor, cap);
      distributed += shards[i];
    }
    for (int i = 0; i < n; i++) {
      if (shards[i] != cap) {
        queue.add(i);
      }
    }
    while (distributed != nShards) {
      Integer i = queue.poll();
      Abort.check(i != null, StakingErrors.APPORTIONMENT_QUEUE, StakingErrors.POP_FROM_EMPTY_HEAP,
          "shard cap " + cap + " leaves shards unassigned");
      shards[i]++;
      distributed++;
      if (shards[i] != cap) {
        queue.add(i);
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) shards[i];
    }
    return out;
  }

  /** {@code apportionment}: the active set's nodes with at least one shard, in vector order. */
  public static List<Allocation> apportion(ActiveSet set, int nShards) {
    int[] shards = dhondt(set.stakes(), nShards);
    List<Allocation> out = new ArrayList<>();
    for (int i = 0; i < shards.length; i++) {
      if (shards[i] > 0) {
        out.add(new Allocation(set.nodes().get(i).nodeId(), shards[i]));
      }
    }
    return out;
  }

  /**
   * Orders entries by quotient {@code S / (s + 1)}, then by priority {@code n − i} (the smaller
   * index wins). The queue's elements never change while queued: an entry is re-inserted after
   * its count grows.
   */
  private static int compare(long[] stakes, long[] shards, int a, int b) {
    int c = compareProducts(stakes[a], shards[b] + 1, stakes[b], shards[a] + 1);
    return c != 0 ? c : Integer.compare(b, a);
  }

  /** Compares {@code a·b} with {@code c·d} for non-negative operands, in 128 bits. */
  static int compareProducts(long a, long b, long c, long d) {
    long hi1 = Math.multiplyHigh(a, b);
    long hi2 = Math.multiplyHigh(c, d);
    if (hi1 != hi2) {
      return Long.compare(hi1, hi2);
    }
    return Long.compareUnsigned(a * b, c * d);
  }
}
