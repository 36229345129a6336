package dev.walrus.core.hash;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inclusion proof of one leaf: the sibling nodes from the leaf level upwards, with the empty node
 * wherever the tree padded a level. BCS: {@code ULEB128(count) ‖ Node*}.
 */
public record MerkleProof(List<Node> path) {

  public MerkleProof {
    path = List.copyOf(path);
  }

  /** BCS: {@code ULEB128(count) ‖ Node*}. */
  public void writeBcs(BcsWriter w) {
    w.uleb128(path.size());
    for (Node n : path) {
      n.writeBcs(w);
    }
  }

  public static MerkleProof readBcs(BcsReader r) {
    int count = r.length(1);
    if (count > 32) {
      throw new dev.walrus.core.bcs.BcsException("Merkle proof of " + count + " nodes is longer than any tree");
    }
    List<Node> path = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      path.add(Node.readBcs(r));
    }
    return new MerkleProof(path);
  }

  /**
   * Whether this proves that {@code leafData} is leaf {@code leafIndex} of a tree of {@code
   * leafCount} leaves with the given root (spec §6).
   */
  public boolean verifies(Node root, byte[] leafData, int leafIndex, int leafCount) {
    return verifiesLeafHash(root, MerkleTree.leafHash(leafData), leafIndex, leafCount);
  }

  /** As {@link #verifies}, for a leaf whose hash {@code H(0x00 ‖ data)} is already known. */
  public boolean verifiesLeafHash(Node root, byte[] leafHash, int leafIndex, int leafCount) {
    if (leafIndex < 0 || leafCount <= 0 || leafIndex >= leafCount) {
      return false;
    }
    int depth = MerkleTree.depth(leafCount);
    if (path.size() > depth || (path.size() < 32 && (leafIndex >>> path.size()) != 0)) {
      return false;
    }
    byte[] current = leafHash.clone();
    int index = leafIndex;
    for (Node sibling : path) {
      current = (index & 1) == 0
          ? MerkleTree.innerHash(current, sibling.bytes())
          : MerkleTree.innerHash(sibling.bytes(), current);
      index >>>= 1;
    }
    return Arrays.equals(current, root.bytes());
  }
}
