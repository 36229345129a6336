package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.MerkleTree;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.StripedCoder;
import dev.walrus.core.rs.SymbolLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Expands many slivers of one blob and axis at once, for a node serving recovery symbols: their
 * Reed–Solomon expansions run as one code over positions of many symbols (at n = 1000 a small
 * blob's symbols are 2 bytes, and expanding one sliver alone would leave all but one of every 32
 * vector lanes of the code idle), and their leaves are hashed in one batch of the vector hasher.
 * The results are those of {@link ExpandedSliver#of}.
 */
public final class SliverExpansions {
  /** Bytes of expanded symbols expanded together. */
  private static final int BATCH_BYTES = 2 << 20;

  private SliverExpansions() {}

  /**
   * Expands {@code slivers}, which must all be of one axis and symbol size.
   *
   * @throws InvalidSliverException if a sliver has another axis, symbol size or length
   */
  public static List<ExpandedSliver> expandAll(EncodingConfig config, List<SliverData> slivers) {
    if (slivers.isEmpty()) {
      return List.of();
    }
    int n = config.nShards();
    SliverType type = slivers.getFirst().type();
    int ss = slivers.getFirst().symbolSize();
    int k = config.sourceSymbols(type);
    for (SliverData s : slivers) {
      if (s.type() != type || s.symbolSize() != ss || s.symbolCount() != k || s.index() >= n) {
        throw new InvalidSliverException(s + " differs in shape from " + slivers.getFirst());
      }
    }
    ReedSolomonCode code = type == SliverType.PRIMARY ? config.secondaryCode() : config.primaryCode();
    int expandedBytes = n * ss;
    int perBatch = Math.max(1, Math.min(slivers.size(), BATCH_BYTES / expandedBytes));
    List<ExpandedSliver> out = new ArrayList<>(slivers.size());
    StripedCoder coder = new StripedCoder();
    Blake2bBatch hasher = VectorizationProvider.newBlake2bBatch();
    for (int first = 0; first < slivers.size(); first += perBatch) {
      int m = Math.min(slivers.size(), first + perBatch) - first;
      byte[] expanded = new byte[m * expandedBytes];
      for (int q = 0; q < m; q++) {
        System.arraycopy(slivers.get(first + q).array(), 0, expanded, q * expandedBytes, k * ss);
      }
      byte[][] src = new byte[k][];
      int[] srcBases = new int[k];
      for (int i = 0; i < k; i++) {
        src[i] = expanded;
        srcBases[i] = i * ss;
      }
      byte[][] dst = new byte[n - k][];
      int[] dstBases = new int[n - k];
      for (int t = 0; t < n - k; t++) {
        dst[t] = expanded;
        dstBases[t] = (k + t) * ss;
      }
      coder.encode(code, new SymbolLayout(ss, m), src, srcBases, expandedBytes, dst, dstBases, expandedBytes);
      byte[] leaves = new byte[m * n * Node.LENGTH];
      hasher.hash((byte) 0, expanded, 0, ss, m * n, ss, leaves, 0);
      for (int q = 0; q < m; q++) {
        byte[] own = Arrays.copyOfRange(leaves, q * n * Node.LENGTH, (q + 1) * n * Node.LENGTH);
        byte[] symbols = Arrays.copyOfRange(expanded, q * expandedBytes, (q + 1) * expandedBytes);
        SliverData s = slivers.get(first + q);
        out.add(new ExpandedSliver(type, s.index(), ss, n, symbols, MerkleTree.ofLeafHashes(own, n, hasher)));
      }
    }
    return out;
  }
}
