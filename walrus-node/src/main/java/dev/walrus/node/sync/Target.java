package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;

/** A sliver this node must hold: its axis and its index on that axis. */
record Target(SliverType type, int index) {

  /** The sliver pair the sliver belongs to. */
  int pair(int nShards) {
    return type == SliverType.PRIMARY ? index : nShards - 1 - index;
  }

  /** The shard that stores the sliver for {@code blobId}. */
  int shard(BlobId blobId, int nShards) {
    return blobId.shardForPair(pair(nShards), nShards);
  }

  /** The sliver of {@code type} held by {@code pair}. */
  static Target of(SliverType type, int pair, int nShards) {
    return new Target(type, type == SliverType.PRIMARY ? pair : nShards - 1 - pair);
  }
}
