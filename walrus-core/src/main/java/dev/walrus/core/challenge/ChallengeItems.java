package dev.walrus.core.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Derives the items challenger {@code V} asks target {@code T} for (spec/challenges.md §5.3), the
 * same way on both sides and in any order: for each shard {@code sh} of {@code T} (ascending) and
 * {@code j < τ}, {@code h = prf("wj/chal/item", seed, T, V, u16 sh, u16 j)} picks the blob, and
 * the cells are taken outside {@code V}'s own rows and columns of that blob.
 *
 * <p>Why those cells: {@code A} binds {@code T} to its whole primary row (another copy of it
 * sits only with the holder of column {@code c}, who is silent during the blackout, and rebuilding
 * the row needs {@code n − f} cells); {@code B} checks the secondary sliver. Excluding {@code V}'s
 * rows and columns means an answer never hands {@code V} a cell of its own slivers, so {@code T}
 * cannot echo {@code V}'s data back to it, nor use {@code V} as an oracle.
 */
public final class ChallengeItems {
  private final byte[] seed;
  private final List<BlobId> set;
  private final int nShards;
  private final int tau;

  /**
   * @param set {@code S_e}, non-empty, sorted ascending
   * @param tau items per target shard per challenger
   */
  public ChallengeItems(byte[] seed, List<BlobId> set, int nShards, int tau) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("a seed has 32 bytes");
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException("no challenged blobs");
    }
    if (nShards < 1 || nShards > 0xFFFF || tau < 1 || tau > 0xFFFF) {
      throw new IllegalArgumentException("invalid shard count " + nShards + " or tau " + tau);
    }
    this.seed = seed.clone();
    this.set = List.copyOf(set);
    this.nShards = nShards;
    this.tau = tau;
  }

  public int tau() {
    return tau;
  }

  /** Number of items {@code V} asks a target with {@code targetShards} shards for: {@code τ·w_T}. */
  public int itemCount(int targetShards) {
    return tau * targetShards;
  }

  /**
   * Item {@code index} in the order (shard ascending, j ascending) of {@code T}'s items.
   *
   * @param targetShards {@code T}'s shards, ascending
   * @param challengerShards {@code V}'s shards (any order); {@code V} must hold fewer than all
   */
  public ItemSpec item(ObjectId target, int[] targetShards, ObjectId challenger, int[] challengerShards, int index) {
    if (index < 0 || index >= itemCount(targetShards.length)) {
      throw new IndexOutOfBoundsException("item " + index + " of " + itemCount(targetShards.length));
    }
    return item(target, challenger, targetShards[index / tau], index % tau, challengerShards);
  }

  /** Every item of {@code T} for {@code V}, in order. */
  public List<ItemSpec> items(ObjectId target, int[] targetShards, ObjectId challenger, int[] challengerShards) {
    List<ItemSpec> out = new ArrayList<>(itemCount(targetShards.length));
    for (int sh : targetShards) {
      for (int j = 0; j < tau; j++) {
        out.add(item(target, challenger, sh, j, challengerShards));
      }
    }
    return out;
  }

  /** The item for target shard {@code shard}, draw {@code j}. */
  public ItemSpec item(ObjectId target, ObjectId challenger, int shard, int j, int[] challengerShards) {
    int wv = challengerShards.length;
    if (wv >= nShards) {
      throw new IllegalArgumentException("a challenger holding every shard has no cells to ask for");
    }
    byte[] h = ChallengePrf.prf(ChallengePrf.ITEM_TAG, seed, target.bytes(), challenger.bytes(),
        ChallengePrf.u16(shard), ChallengePrf.u16(j));
    BlobId b = set.get(ChallengePrf.pick(ChallengePrf.u64At(h, 0), set.size()));
    int off = b.rotationOffset(nShards);
    int pt = pair(off, shard);
    int[] rowsV = new int[wv];
    int[] colsV = new int[wv];
    for (int i = 0; i < wv; i++) {
      rowsV[i] = pair(off, challengerShards[i]);
      colsV[i] = nShards - 1 - rowsV[i];
    }
    Arrays.sort(rowsV);
    Arrays.sort(colsV);
    int c = nthNotIn(ChallengePrf.pick(ChallengePrf.u64At(h, 1), nShards - wv), colsV);
    int r = nthNotIn(ChallengePrf.pick(ChallengePrf.u64At(h, 2), nShards - wv), rowsV);
    return new ItemSpec(shard, j, b, pt, c, r);
  }

  /** {@code pair(b, shard) = (N + shard − off(b)) mod N}. */
  private int pair(int offset, int shard) {
    return (nShards + shard - offset) % nShards;
  }

  /**
   * The {@code u}-th value (from 0) not in {@code excluded}: a bijection from {@code [0, N − |E|)}
   * onto the complement of {@code E}.
   *
   * @param excluded distinct values, ascending
   */
  static int nthNotIn(int u, int[] excluded) {
    int x = u;
    for (int e : excluded) {
      if (e <= x) {
        x++;
      }
    }
    return x;
  }
}
