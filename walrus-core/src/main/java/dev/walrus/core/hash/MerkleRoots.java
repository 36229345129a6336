package dev.walrus.core.hash;

import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merkle roots without proofs, for checking many slivers against their hashes cheaply; the roots
 * are those of {@link MerkleTree} (spec §6). Two shortcuts, both exact:
 *
 * <ul>
 *   <li>Leaves of 2-byte symbols come from a table of all 65 536 leaf hashes (2 MiB, built once
 *       per JVM): at n = 1000 every blob up to 445 KB has 2-byte symbols, and hashing a 3-byte
 *       leaf costs a whole BLAKE2b block.
 *   <li>A pair of equal all-zero subtrees is not hashed again: their parent is the zero subtree of
 *       the next height. A small blob is mostly padding — a 4 KiB blob at n = 1000 fills 4 of 334
 *       source rows — so a third of its rows and a third of every column are zero symbols.
 * </ul>
 *
 * Instances hold scratch space and are not thread-safe.
 */
public final class MerkleRoots {
  private static final int TABLE_SYMBOL_BYTES = 2;
  private static final ConcurrentHashMap<Integer, byte[][]> ZERO_SUBTREES = new ConcurrentHashMap<>();

  private final Blake2bBatch hasher = VectorizationProvider.newBlake2bBatch();
  private byte[] next = new byte[0];
  private byte[] pairs = new byte[0];
  private int[] toHash = new int[0];

  /** Builds the table of 2-byte leaves now rather than on first use (about 65 000 hashes). */
  public static void warmUp() {
    if (TwoByteLeaves.TABLE.length == 0) {
      throw new AssertionError("empty leaf table");
    }
  }

  /**
   * Writes the leaf hashes {@code H(0x00 ‖ symbol)} of {@code count} symbols of {@code len} bytes,
   * symbol {@code i} at {@code data[off + i·stride]}, to {@code out[outOff + 32·i, +32)}.
   */
  public void leafHashes(byte[] data, int off, int stride, int count, int len, byte[] out, int outOff) {
    if (len == TABLE_SYMBOL_BYTES) {
      byte[] table = TwoByteLeaves.TABLE;
      for (int i = 0; i < count; i++) {
        int at = off + i * stride;
        int v = (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
        System.arraycopy(table, v * Node.LENGTH, out, outOff + i * Node.LENGTH, Node.LENGTH);
      }
    } else {
      hasher.hash(MerkleTree.LEAF_PREFIX, data, off, stride, count, len, out, outOff);
    }
  }

  /**
   * The root over {@code count} symbols of {@code len} bytes, symbol {@code i} at {@code
   * data[off + i·stride]}; {@code leaves} is scratch of at least {@code 32·(count + 1)} bytes.
   */
  public Node root(byte[] data, int off, int stride, int count, int len, byte[] leaves) {
    leafHashes(data, off, stride, count, len, leaves, 0);
    return rootOfLeaves(leaves, count, len);
  }

  /**
   * The root over the leaf hashes {@code leaves[32·i, +32)}, {@code i < count}, of symbols of
   * {@code symbolBytes} bytes (which fixes the hash of a zero leaf). {@code leaves} needs 32 spare
   * bytes after the last hash and is left holding intermediate levels.
   */
  public Node rootOfLeaves(byte[] leaves, int count, int symbolBytes) {
    if (count == 0) {
      return Node.EMPTY;
    }
    byte[][] zeros = zeroSubtrees(symbolBytes);
    byte[] level = leaves;
    boolean zeroRunsPossible = true;
    for (int height = 0; count > 1; height++) {
      int parents = (count + 1) / 2;
      if ((count & 1) == 1) {
        Arrays.fill(level, count * Node.LENGTH, (count + 1) * Node.LENGTH, (byte) 0);
      }
      byte[] out = level == leaves ? scratch(parents) : level;
      if (zeroRunsPossible && height + 1 < zeros.length) {
        zeroRunsPossible = hashSkippingZeroPairs(level, parents, count, zeros[height], zeros[height + 1], out);
      } else {
        hasher.hash(MerkleTree.INNER_PREFIX, level, 0, 2 * Node.LENGTH, parents, 2 * Node.LENGTH, out, 0);
      }
      level = out;
      count = parents;
    }
    return Node.digest(level, 0);
  }

  /** The root of a sequence of {@code count} zero symbols of {@code symbolBytes} bytes. */
  public Node zeroRoot(int count, int symbolBytes) {
    byte[] leaves = new byte[(count + 1) * Node.LENGTH];
    byte[] zero = zeroSubtrees(symbolBytes)[0];
    for (int i = 0; i < count; i++) {
      System.arraycopy(zero, 0, leaves, i * Node.LENGTH, Node.LENGTH);
    }
    return rootOfLeaves(leaves, count, symbolBytes);
  }

  /**
   * Hashes one level into {@code out}, writing {@code zeroParent} for pairs of two {@code
   * zeroChild} nodes without hashing them. Returns whether any pair was skipped: a level without
   * one has no zero subtrees above it either.
   */
  private boolean hashSkippingZeroPairs(byte[] level, int parents, int count, byte[] zeroChild, byte[] zeroParent,
      byte[] out) {
    int[] indices = toHash(parents);
    int hashed = 0;
    for (int k = 0; k < parents; k++) {
      int at = 2 * k * Node.LENGTH;
      boolean zeroPair = 2 * k + 1 < count
          && Arrays.equals(level, at, at + Node.LENGTH, zeroChild, 0, Node.LENGTH)
          && Arrays.equals(level, at + Node.LENGTH, at + 2 * Node.LENGTH, zeroChild, 0, Node.LENGTH);
      if (!zeroPair) {
        indices[hashed++] = k;
      }
    }
    if (hashed == parents) {
      hasher.hash(MerkleTree.INNER_PREFIX, level, 0, 2 * Node.LENGTH, parents, 2 * Node.LENGTH, out, 0);
      return false;
    }
    byte[] gathered = pairs(hashed);
    for (int h = 0; h < hashed; h++) {
      System.arraycopy(level, 2 * indices[h] * Node.LENGTH, gathered, 2 * h * Node.LENGTH, 2 * Node.LENGTH);
    }
    // Every pair to hash was copied out above, so writing the parents in place (out == level) is safe.
    hasher.hash(MerkleTree.INNER_PREFIX, gathered, 0, 2 * Node.LENGTH, hashed, 2 * Node.LENGTH, gathered, 0);
    int h = 0;
    for (int k = 0; k < parents; k++) {
      if (h < hashed && indices[h] == k) {
        System.arraycopy(gathered, h * Node.LENGTH, out, k * Node.LENGTH, Node.LENGTH);
        h++;
      } else {
        System.arraycopy(zeroParent, 0, out, k * Node.LENGTH, Node.LENGTH);
      }
    }
    return true;
  }

  /** Hashes of all-zero subtrees of heights 0..32 for symbols of {@code symbolBytes} bytes. */
  private static byte[][] zeroSubtrees(int symbolBytes) {
    return ZERO_SUBTREES.computeIfAbsent(symbolBytes, len -> {
      byte[][] z = new byte[33][];
      z[0] = MerkleTree.leafHash(new byte[len]);
      for (int h = 1; h < z.length; h++) {
        z[h] = MerkleTree.innerHash(z[h - 1], z[h - 1]);
      }
      return z;
    });
  }

  private byte[] scratch(int nodes) {
    if (next.length < (nodes + 1) * Node.LENGTH) {
      next = new byte[(nodes + 1) * Node.LENGTH];
    }
    return next;
  }

  private byte[] pairs(int count) {
    if (pairs.length < count * 2 * Node.LENGTH) {
      pairs = new byte[count * 2 * Node.LENGTH];
    }
    return pairs;
  }

  private int[] toHash(int count) {
    if (toHash.length < count) {
      toHash = new int[count];
    }
    return toHash;
  }

  /** The leaf hash of every 2-byte symbol, indexed by {@code b0 | b1 << 8}; built on first use. */
  private static final class TwoByteLeaves {
    static final byte[] TABLE = build();

    private static byte[] build() {
      int count = 1 << 16;
      byte[] symbols = new byte[2 * count];
      for (int v = 0; v < count; v++) {
        symbols[2 * v] = (byte) v;
        symbols[2 * v + 1] = (byte) (v >>> 8);
      }
      byte[] table = new byte[count * Node.LENGTH];
      VectorizationProvider.newBlake2bBatch().hash(MerkleTree.LEAF_PREFIX, symbols, 0, 2, count, 2, table, 0);
      return table;
    }
  }
}
