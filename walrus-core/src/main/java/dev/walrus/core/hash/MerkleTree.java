package dev.walrus.core.hash;

import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walrus's Merkle tree (spec §6): BLAKE2b-256, leaves {@code H(0x00 ‖ data)}, inner nodes {@code
 * H(0x01 ‖ left ‖ right)}, each odd level padded with one empty node (32 zero bytes, not hashed).
 * A tree of no leaves has the empty root; a tree of one leaf has that leaf's hash as root.
 *
 * <p>Instances keep every level so that proofs for many leaves cost one build; {@link #root(byte[],
 * int, Blake2bBatch)} computes just the root.
 */
public final class MerkleTree {
  static final byte LEAF_PREFIX = 0x00;
  static final byte INNER_PREFIX = 0x01;

  /** levels.get(0) holds the leaf hashes; each level has room for one padding node. */
  private final List<byte[]> levels;
  private final List<Integer> counts;

  private MerkleTree(List<byte[]> levels, List<Integer> counts) {
    this.levels = levels;
    this.counts = counts;
  }

  /** A tree over {@code count} leaves whose data is {@code data[off + i·stride, +len)}. */
  public static MerkleTree ofLeaves(byte[] data, int off, int stride, int count, int len) {
    Blake2bBatch batch = VectorizationProvider.newBlake2bBatch();
    byte[] leaves = new byte[(count + 1) * Node.LENGTH];
    batch.hash(LEAF_PREFIX, data, off, stride, count, len, leaves, 0);
    return ofLeafHashes(leaves, count, batch);
  }

  /** A tree over leaf hashes stored contiguously in {@code leafHashes[0, 32·count)}. */
  public static MerkleTree ofLeafHashes(byte[] leafHashes, int count, Blake2bBatch batch) {
    List<byte[]> levels = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    byte[] level = new byte[(count + 1) * Node.LENGTH];
    System.arraycopy(leafHashes, 0, level, 0, count * Node.LENGTH);
    levels.add(level);
    counts.add(count);
    while (count > 1) {
      int parents = (count + 1) / 2;
      byte[] next = new byte[(parents + 1) * Node.LENGTH];
      // level[32·count, +32) is zero: the padding node when count is odd.
      batch.hash(INNER_PREFIX, level, 0, 2 * Node.LENGTH, parents, 2 * Node.LENGTH, next, 0);
      levels.add(next);
      counts.add(parents);
      level = next;
      count = parents;
    }
    return new MerkleTree(levels, counts);
  }

  /**
   * The root over leaf hashes {@code leafHashes[32·i, +32)} for {@code i < count}. The array must
   * have 32 spare bytes after the last hash; they are used as scratch.
   */
  public static Node root(byte[] leafHashes, int count, Blake2bBatch batch) {
    if (count == 0) {
      return Node.EMPTY;
    }
    byte[] level = leafHashes;
    while (count > 1) {
      int parents = (count + 1) / 2;
      if ((count & 1) == 1) {
        Arrays.fill(level, count * Node.LENGTH, (count + 1) * Node.LENGTH, (byte) 0);
      }
      // The first level goes to a fresh array; later levels halve in place.
      byte[] next = level == leafHashes ? new byte[(parents + 1) * Node.LENGTH] : level;
      batch.hash(INNER_PREFIX, level, 0, 2 * Node.LENGTH, parents, 2 * Node.LENGTH, next, 0);
      level = next;
      count = parents;
    }
    return Node.digest(level, 0);
  }

  public Node root() {
    int top = counts.size() - 1;
    return counts.get(0) == 0 ? Node.EMPTY : Node.digest(levels.get(top), 0);
  }

  public int leafCount() {
    return counts.get(0);
  }

  /** The hash of leaf {@code index}. */
  public byte[] leafHash(int index) {
    checkIndex(index);
    return Arrays.copyOfRange(levels.get(0), index * Node.LENGTH, (index + 1) * Node.LENGTH);
  }

  /** The inclusion proof of leaf {@code index}. */
  public MerkleProof proof(int index) {
    checkIndex(index);
    List<Node> path = new ArrayList<>(counts.size());
    int i = index;
    for (int l = 0; l < counts.size() - 1; l++) {
      int sibling = i ^ 1;
      path.add(sibling >= counts.get(l) ? Node.EMPTY : Node.digest(levels.get(l), sibling * Node.LENGTH));
      i >>>= 1;
    }
    return new MerkleProof(path);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= counts.get(0)) {
      throw new IndexOutOfBoundsException("leaf " + index + " of a tree of " + counts.get(0));
    }
  }

  /** {@code ceil(log2(count))}: the proof length for a tree of {@code count} leaves. */
  static int depth(int count) {
    return count <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(count - 1);
  }

  /** {@code H(0x00 ‖ data)}. */
  public static byte[] leafHash(byte[] data) {
    return new Blake2b256().update(LEAF_PREFIX).update(data).digest();
  }

  /** {@code H(0x01 ‖ left ‖ right)}. */
  public static byte[] innerHash(byte[] left, byte[] right) {
    return new Blake2b256().update(INNER_PREFIX).update(left).update(right).digest();
  }
}
