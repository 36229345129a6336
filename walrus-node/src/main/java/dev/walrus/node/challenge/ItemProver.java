package dev.walrus.node.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.challenge.ItemProof;
import dev.walrus.core.challenge.ItemSpec;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.hash.Node;
import dev.walrus.node.store.NodeStore;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Answers challenge items from this node's own slivers: expands the primary and secondary sliver
 * of the item's pair and takes the asked cells with their Merkle paths (§5.3). Expansions are
 * kept in a small cache bounded by bytes, because every challenger asks about the same few blobs
 * and shards; an item whose slivers are not stored is admitted as {@code Unavailable}.
 */
final class ItemProver {
  private record Key(BlobId blobId, SliverType type, int index) {}

  private final NodeStore store;
  private final long maxBytes;
  private final LinkedHashMap<Key, ExpandedSliver> cache = new LinkedHashMap<>(64, 0.75f, true);
  private final LinkedHashMap<Key, Long> sizes = new LinkedHashMap<>();
  private long bytes;

  ItemProver(NodeStore store, long maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  ItemProof prove(ItemSpec item, EncodingConfig config) {
    int n = config.nShards();
    Optional<ExpandedSliver> primary = expanded(item.shard(), SliverType.PRIMARY, item.blobId(), item.pair(), config);
    Optional<ExpandedSliver> secondary =
        expanded(item.shard(), SliverType.SECONDARY, item.blobId(), n - 1 - item.pair(), config);
    if (primary.isEmpty() || secondary.isEmpty()) {
      return new ItemProof.Unavailable(item.blobId(), item.shard(), item.j());
    }
    return ItemProof.Proven.of(item, primary.get(), secondary.get());
  }

  private Optional<ExpandedSliver> expanded(int shard, SliverType type, BlobId blobId, int index, EncodingConfig config) {
    Key key = new Key(blobId, type, index);
    synchronized (this) {
      ExpandedSliver hit = cache.get(key);
      if (hit != null) {
        return Optional.of(hit);
      }
    }
    if (!store.hasShard(shard)) {
      return Optional.empty();
    }
    Optional<SliverData> sliver = store.sliver(shard, type, blobId);
    if (sliver.isEmpty() || sliver.get().index() != index) {
      return Optional.empty();
    }
    ExpandedSliver fresh;
    try {
      fresh = ExpandedSliver.of(config, sliver.get());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    long size = (long) config.nShards() * sliver.get().symbolSize() + 2L * (config.nShards() + 32) * Node.LENGTH;
    synchronized (this) {
      cache.put(key, fresh);
      Long old = sizes.put(key, size);
      bytes += size - (old == null ? 0 : old);
      var it = cache.keySet().iterator();
      while (bytes > maxBytes && it.hasNext()) {
        Key k = it.next();
        bytes -= sizes.remove(k);
        it.remove();
      }
    }
    return Optional.of(fresh);
  }

  synchronized void clear() {
    cache.clear();
    sizes.clear();
    bytes = 0;
  }
}
