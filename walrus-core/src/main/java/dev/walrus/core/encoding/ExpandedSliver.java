package dev.walrus.core.encoding;

import dev.walrus.core.rs.StripedCoder;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.MerkleTree;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.SymbolLayout;
import java.util.Arrays;

/**
 * A sliver extended with the code of the other axis to all {@code n} symbols, with the Merkle tree
 * over them: a primary sliver (row {@code i}) becomes the whole row {@code X[i][0..n)}, a secondary
 * sliver (column {@code j}) the whole column {@code X[0..n)[j]}. The tree's root is the sliver's
 * hash in the metadata; its symbols and proofs are the recovery symbols the node serves.
 *
 * <p>Not thread-safe only in the sense that building one uses a coder; the result is immutable.
 */
public final class ExpandedSliver {
  private final SliverType type;
  private final int index;
  private final int symbolSize;
  private final int n;
  private final byte[] symbols;
  private final MerkleTree tree;

  ExpandedSliver(SliverType type, int index, int symbolSize, int n, byte[] symbols, MerkleTree tree) {
    this.type = type;
    this.index = index;
    this.symbolSize = symbolSize;
    this.n = n;
    this.symbols = symbols;
    this.tree = tree;
  }

  /**
   * Expands {@code sliver}. Only its shape is checked: index in range and a length that is a
   * whole number of source symbols of its axis.
   */
  public static ExpandedSliver of(EncodingConfig config, SliverData sliver) {
    int n = config.nShards();
    int ss = sliver.symbolSize();
    int k = config.sourceSymbols(sliver.type());
    if (sliver.index() >= n) {
      throw new InvalidSliverException("sliver index " + sliver.index() + " is out of range for " + n + " shards");
    }
    if (sliver.symbolCount() != k) {
      throw new InvalidSliverException(
          sliver.type().urlName() + " sliver has " + sliver.symbolCount() + " symbols, expected " + k);
    }
    // Cold vector code runs a hundred times slower than compiled: a node's first slivers would
    // take seconds each (see KernelWarmup). Returns at once once the kernels are compiled.
    VectorizationProvider.awaitGfKernels();
    VectorizationProvider.awaitHashing();
    byte[] out = expand(config, sliver.type(), sliver.array(), ss);
    return new ExpandedSliver(sliver.type(), sliver.index(), ss, n, out, MerkleTree.ofLeaves(out, 0, ss, n, ss));
  }

  /** The {@code n} symbols of a sliver of {@code type} whose source symbols are {@code data}. */
  static byte[] expand(EncodingConfig config, SliverType type, byte[] data, int ss) {
    ReedSolomonCode code = type == SliverType.PRIMARY ? config.secondaryCode() : config.primaryCode();
    int k = code.originals();
    int r = code.recoveries();
    byte[] out = Arrays.copyOf(data, (k + r) * ss);
    byte[][] src = new byte[k][];
    int[] srcBases = new int[k];
    for (int i = 0; i < k; i++) {
      src[i] = data;
      srcBases[i] = i * ss;
    }
    byte[][] dst = new byte[r][];
    int[] dstBases = new int[r];
    for (int t = 0; t < r; t++) {
      dst[t] = out;
      dstBases[t] = (k + t) * ss;
    }
    new StripedCoder().encode(code, new SymbolLayout(ss, 1), src, srcBases, ss, dst, dstBases, ss);
    return out;
  }

  public SliverType type() {
    return type;
  }

  public int index() {
    return index;
  }

  /** The Merkle root over the expanded symbols: the sliver's hash. */
  public Node hash() {
    return tree.root();
  }

  /** Expanded symbol {@code position}: the cell this sliver shares with sliver {@code position} of the other axis. */
  public byte[] symbol(int position) {
    checkPosition(position);
    return Arrays.copyOfRange(symbols, position * symbolSize, (position + 1) * symbolSize);
  }

  /**
   * The recovery symbol this sliver contributes to rebuilding sliver {@code targetIndex} of the
   * other axis.
   */
  public RecoverySymbol recoverySymbol(int targetIndex) {
    checkPosition(targetIndex);
    return new RecoverySymbol(
        type.orthogonal(), new DecodingSymbol(index, symbol(targetIndex)), targetIndex, tree.proof(targetIndex));
  }

  /** The same symbol without its proof, for a reader that verifies the recovered sliver instead. */
  public DecodingSymbol decodingSymbol(int targetIndex) {
    return new DecodingSymbol(index, symbol(targetIndex));
  }

  private void checkPosition(int position) {
    if (position < 0 || position >= n) {
      throw new InvalidSymbolException("symbol position " + position + " is out of range for " + n + " shards");
    }
  }
}
