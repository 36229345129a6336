package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.StripedCoder;
import dev.walrus.core.rs.SymbolLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Merkle roots of many slivers of one axis and symbol size at once: for each, the root {@link
 * ExpandedSliver#hash()} computes (the sliver expanded to {@code n} symbols with the other axis's
 * code, leaves {@code H(0x00 ‖ symbol)}, inner nodes {@code H(0x01 ‖ left ‖ right)}, odd levels
 * padded with the empty node), which is what a storage node compares with the metadata before it
 * stores a sliver.
 *
 * <p>Why a batch: the code works lane-wise, so {@code m} slivers expand in one pass over positions
 * of {@code m} symbols each. A small blob's symbols are 2–6 bytes; expanded alone, each position
 * fills 3 of a 64-byte block's 32 lanes and the encode costs ten times its data. Hashing the
 * {@code m·n} leaves and each tree level of all {@code m} slivers in one call also keeps the
 * vector BLAKE2b's lanes full near the top of the trees. Only the roots are kept: no tree levels
 * or proofs are allocated, and scratch space is reused between calls.
 *
 * <p>Not thread-safe: each thread uses its own instance.
 */
public final class SliverRootHasher {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte INNER_PREFIX = 0x01;

  private final EncodingConfig config;
  private final StripedCoder coder = new StripedCoder();
  private final Blake2bBatch hasher = VectorizationProvider.newBlake2bBatch();
  private byte[] expanded = new byte[0];
  private byte[] levelA = new byte[0];
  private byte[] levelB = new byte[0];

  public SliverRootHasher(EncodingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public EncodingConfig config() {
    return config;
  }

  /** The bytes of scratch space {@link #roots} needs for {@code count} slivers of this shape. */
  public long scratchBytes(int symbolSize, int count) {
    long n = config.nShards();
    return count * n * symbolSize + 2 * count * (n + 1) * Node.LENGTH;
  }

  /**
   * Writes the root of sliver {@code i} ({@code i < count}) to {@code roots[32·i, +32)}. Sliver
   * {@code i}'s {@code k} source symbols of {@code symbolSize} bytes ({@code k = }{@link
   * EncodingConfig#sourceSymbols}) are {@code data[i][offsets[i], + k·symbolSize)}; the arrays are
   * only read.
   *
   * @throws IllegalArgumentException if the symbol size is not a positive even number up to {@link
   *     EncodingConfig#MAX_SYMBOL_SIZE}, or a sliver's bytes lie outside its array
   */
  public void roots(SliverType type, int symbolSize, int count, byte[][] data, int[] offsets, byte[] roots) {
    if (symbolSize <= 0 || symbolSize > EncodingConfig.MAX_SYMBOL_SIZE || (symbolSize & 1) != 0) {
      throw new IllegalArgumentException("invalid symbol size " + symbolSize);
    }
    if (count <= 0 || data.length < count || offsets.length < count || roots.length < count * Node.LENGTH) {
      throw new IllegalArgumentException("a batch of " + count + " slivers needs that many arrays, offsets and roots");
    }
    int n = config.nShards();
    ReedSolomonCode code = type == SliverType.PRIMARY ? config.secondaryCode() : config.primaryCode();
    int k = code.originals();
    int sourceBytes = k * symbolSize;
    long rowLong = (long) n * symbolSize;
    if (rowLong * count > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("a batch of " + count + " expanded slivers of " + rowLong + " bytes is too large");
    }
    int row = (int) rowLong;
    expanded = ensure(expanded, row * count);
    for (int i = 0; i < count; i++) {
      Objects.checkFromIndexSize(offsets[i], sourceBytes, data[i].length);
      System.arraycopy(data[i], offsets[i], expanded, i * row, sourceBytes);
    }
    expand(code, symbolSize, count, row);
    int leaves = n * count;
    levelA = ensure(levelA, (leaves + count) * Node.LENGTH);
    levelB = ensure(levelB, (leaves + count) * Node.LENGTH);
    hasher.hash(LEAF_PREFIX, expanded, 0, symbolSize, leaves, symbolSize, levelA, 0);
    byte[] level = reduce(n, count);
    System.arraycopy(level, 0, roots, 0, count * Node.LENGTH);
  }

  /**
   * Computes recovery positions {@code k..n-1} of every sliver in place: position {@code p} is
   * made of symbol {@code p} of each sliver, one expanded row of {@code row} bytes apart.
   */
  private void expand(ReedSolomonCode code, int symbolSize, int count, int row) {
    int k = code.originals();
    int r = code.recoveries();
    byte[][] src = new byte[k][];
    int[] srcBases = new int[k];
    for (int p = 0; p < k; p++) {
      src[p] = expanded;
      srcBases[p] = p * symbolSize;
    }
    byte[][] dst = new byte[r][];
    int[] dstBases = new int[r];
    for (int t = 0; t < r; t++) {
      dst[t] = expanded;
      dstBases[t] = (k + t) * symbolSize;
    }
    coder.encode(code, new SymbolLayout(symbolSize, count), src, srcBases, row, dst, dstBases, row);
  }

  /**
   * Halves the {@code count} trees of {@code width} leaf hashes in {@link #levelA} level by level,
   * all trees in one hashing call per level, and returns the array holding the roots.
   */
  private byte[] reduce(int width, int count) {
    byte[] current = levelA;
    byte[] other = levelB;
    while (width > 1) {
      if ((width & 1) == 1) {
        // Give every tree of this level its padding node, so pairs never straddle two trees.
        for (int g = count - 1; g >= 0; g--) {
          System.arraycopy(current, g * width * Node.LENGTH, other, g * (width + 1) * Node.LENGTH, width * Node.LENGTH);
          Arrays.fill(other, (g * (width + 1) + width) * Node.LENGTH, (g + 1) * (width + 1) * Node.LENGTH, (byte) 0);
        }
        byte[] t = current;
        current = other;
        other = t;
        width++;
      }
      int parents = width / 2;
      // In place: the hasher reads each pair before it writes the parent over the first half.
      hasher.hash(INNER_PREFIX, current, 0, 2 * Node.LENGTH, parents * count, 2 * Node.LENGTH, current, 0);
      width = parents;
    }
    return current;
  }

  private static byte[] ensure(byte[] buffer, int length) {
    return buffer.length >= length ? buffer : new byte[Math.max(length, (int) Math.min(Integer.MAX_VALUE - 64, buffer.length * 3L / 2))];
  }
}
