package dev.walrus.node.store;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.SliverData;

/** A sliver as a shard scan returns it: the blob it belongs to and the sliver itself. */
public record StoredSliver(BlobId blobId, SliverData sliver) {}
