package dev.walrus.core.hash;

import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.util.Arrays;
import java.util.List;

/**
 * Checks many inclusion proofs at once: the leaves are hashed in one batch and the paths are
 * climbed level by level, each level one batch of inner-node hashes. A node rebuilding a sliver
 * checks several hundred proofs of equally long symbols in equally deep trees; one at a time that
 * is thousands of single-block hashes, in batches it runs in the vector hasher's lanes.
 */
public final class MerkleBatchVerifier {
  private MerkleBatchVerifier() {}

  /**
   * For each {@code i}, whether {@code proofs[i]} proves that {@code leaves[i]} is leaf {@code
   * leafIndices[i]} of a tree of {@code leafCount} leaves with root {@code roots[i]} — the same
   * verdicts as {@link MerkleProof#verifies}, one per proof.
   */
  public static boolean[] verifyAll(
      List<MerkleProof> proofs, List<byte[]> leaves, int[] leafIndices, int leafCount, List<Node> roots) {
    int k = proofs.size();
    boolean[] ok = new boolean[k];
    if (k == 0) {
      return ok;
    }
    int len = leaves.get(0).length;
    int depth = MerkleTree.depth(leafCount);
    boolean uniform = true;
    for (int i = 0; i < k; i++) {
      MerkleProof p = proofs.get(i);
      uniform &= leaves.get(i).length == len && p.path().size() == depth;
    }
    if (!uniform || leafCount <= 0) {
      // Unusual shapes (only a dishonest sender produces them) take the one-at-a-time path.
      for (int i = 0; i < k; i++) {
        ok[i] = proofs.get(i).verifies(roots.get(i), leaves.get(i), leafIndices[i], leafCount);
      }
      return ok;
    }
    Blake2bBatch hasher = VectorizationProvider.newBlake2bBatch();
    byte[] data = new byte[k * len];
    for (int i = 0; i < k; i++) {
      System.arraycopy(leaves.get(i), 0, data, i * len, len);
    }
    byte[] current = new byte[k * Node.LENGTH];
    hasher.hash(MerkleTree.LEAF_PREFIX, data, 0, len, k, len, current, 0);
    byte[] pairs = new byte[k * 2 * Node.LENGTH];
    for (int level = 0; level < depth; level++) {
      for (int i = 0; i < k; i++) {
        boolean right = ((leafIndices[i] >>> level) & 1) == 1;
        int at = i * 2 * Node.LENGTH;
        proofs.get(i).path().get(level).copyTo(pairs, right ? at : at + Node.LENGTH);
        System.arraycopy(current, i * Node.LENGTH, pairs, right ? at + Node.LENGTH : at, Node.LENGTH);
      }
      hasher.hash(MerkleTree.INNER_PREFIX, pairs, 0, 2 * Node.LENGTH, k, 2 * Node.LENGTH, current, 0);
    }
    for (int i = 0; i < k; i++) {
      int index = leafIndices[i];
      boolean inRange = index >= 0 && index < leafCount && (depth >= 32 || (index >>> depth) == 0);
      ok[i] = inRange
          && Arrays.equals(current, i * Node.LENGTH, (i + 1) * Node.LENGTH, roots.get(i).bytes(), 0, Node.LENGTH);
    }
    return ok;
  }
}
