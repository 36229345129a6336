package dev.walrus.core.hash;

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
