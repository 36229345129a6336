package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.hash.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recently expanded slivers (all n symbols and their Merkle tree). A peer recovering a blob asks
 * for one symbol per target from each of this node's slivers, and asks again for its next target;
 * expanding a sliver costs an RS encode and n hashes, so keeping the expansion turns the second and
 * later requests into lookups. Bounded by bytes, least recently used first out.
 */
final class ExpandedSliverCache {
  private record Key(BlobId blobId, SliverType type, int index) {}

  private record Entry(ExpandedSliver sliver, long size) {}

  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<Key, Entry> map = new LinkedHashMap<>(64, 0.75f, true);

  ExpandedSliverCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  ExpandedSliver get(BlobId blobId, SliverType type, int index, int nShards, int symbolSize, Supplier<ExpandedSliver> expand) {
    Key key = new Key(blobId, type, index);
    synchronized (this) {
      Entry hit = map.get(key);
      if (hit != null) {
        return hit.sliver();
      }
    }
    ExpandedSliver fresh = expand.get();
    long size = retainedBytes(nShards, symbolSize);
    synchronized (this) {
      Entry old = map.put(key, new Entry(fresh, size));
      bytes += size - (old == null ? 0 : old.size());
      var it = map.values().iterator();
      while (bytes > maxBytes && it.hasNext()) {
        bytes -= it.next().size();
        it.remove();
      }
    }
    return fresh;
  }

  /** The cached expansion, if any (counts as a use). */
  synchronized java.util.Optional<ExpandedSliver> peek(BlobId blobId, SliverType type, int index) {
    Entry hit = map.get(new Key(blobId, type, index));
    return hit == null ? java.util.Optional.empty() : java.util.Optional.of(hit.sliver());
  }

  /** Caches an expansion made elsewhere, evicting the least recently used beyond the bound. */
  void put(BlobId blobId, SliverType type, int index, int nShards, int symbolSize, ExpandedSliver sliver) {
    long size = retainedBytes(nShards, symbolSize);
    synchronized (this) {
      Entry old = map.put(new Key(blobId, type, index), new Entry(sliver, size));
      bytes += size - (old == null ? 0 : old.size());
      var it = map.values().iterator();
      while (bytes > maxBytes && it.hasNext()) {
        bytes -= it.next().size();
        it.remove();
      }
    }
  }

  /**
   * What one expansion holds: {@code n} symbols and the Merkle tree over them (about {@code 2n}
   * 32-byte nodes, one padding node per level). For small blobs the tree is most of it: n = 1000
   * and 2-byte symbols take 2 KB of symbols and 65 KB of tree.
   */
  static long retainedBytes(int nShards, int symbolSize) {
    return (long) nShards * symbolSize + 2L * (nShards + 32) * Node.LENGTH;
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized void evict(BlobId blobId) {
    var it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Entry> e = it.next();
      if (e.getKey().blobId().equals(blobId)) {
        bytes -= e.getValue().size();
        it.remove();
      }
    }
  }
}
