package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parsed, verified metadata of the blobs being uploaded, so that a blob's hundreds of sliver
 * uploads read and parse its metadata (64 KiB at n = 1000) once instead of once each.
 *
 * <p>Entries never go stale: a blob ID is a hash of its metadata, so the metadata stored for a
 * blob ID is always the same. A blob whose metadata was deleted (expired, invalid) is refused by
 * the blob-state check before the metadata is looked at; if it is registered again, the cached
 * metadata is still its metadata. Bounded in entries, least recently used out first.
 */
final class MetadataCache {
  private final int maxEntries;
  private final Map<BlobId, BlobMetadata> entries;

  MetadataCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The cached metadata, else what {@code load} returns (cached if present). */
  Optional<BlobMetadata> get(BlobId blobId, Supplier<Optional<BlobMetadata>> load) {
    synchronized (this) {
      BlobMetadata m = entries.get(blobId);
      if (m != null) {
        return Optional.of(m);
      }
    }
    Optional<BlobMetadata> loaded = load.get();
    loaded.ifPresent(m -> put(blobId, m));
    return loaded;
  }

  /** Adds metadata that was verified against {@code blobId}. */
  synchronized void put(BlobId blobId, BlobMetadata metadata) {
    entries.put(blobId, metadata);
    if (entries.size() > maxEntries) {
      entries.remove(entries.keySet().iterator().next());
    }
  }
}
