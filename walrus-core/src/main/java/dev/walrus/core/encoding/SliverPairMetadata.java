package dev.walrus.core.encoding;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.Node;

/**
 * The hashes of sliver pair {@code i}: the Merkle root of expanded primary sliver {@code i} and
 * that of expanded secondary sliver {@code n − 1 − i}.
 */
public record SliverPairMetadata(Node primaryHash, Node secondaryHash) {

  public Node hash(dev.walrus.core.SliverType type) {
    return type == dev.walrus.core.SliverType.PRIMARY ? primaryHash : secondaryHash;
  }

  void writeBcs(BcsWriter w) {
    primaryHash.writeBcs(w);
    secondaryHash.writeBcs(w);
  }

  static SliverPairMetadata readBcs(BcsReader r) {
    return new SliverPairMetadata(Node.readBcs(r), Node.readBcs(r));
  }
}
