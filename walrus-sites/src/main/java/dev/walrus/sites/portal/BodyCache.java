package dev.walrus.sites.portal;

import dev.walrus.ledger.api.SiteResource;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verified bodies kept in memory, keyed by where they came from (blob ID, quilt patch, range) and
 * bounded in bytes: the least recently used go first once the total passes {@code maxBytes}. An
 * entry remembers the hash it was verified against, and serves only a resource with that hash.
 */
final class BodyCache {
  private final long maxBytes;
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  private record Entry(byte[] hash, byte[] body) {}

  BodyCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static String key(SiteResource r) {
    return AggregatorFetcher.blobPath(r) + r.range().map(AggregatorFetcher::rangeHeader).map(h -> " " + h).orElse("");
  }

  synchronized Optional<VerifiedBody> get(SiteResource r) {
    Entry e = entries.get(key(r));
    if (e == null || !MessageDigest.isEqual(e.hash, r.blobHash())) {
      return Optional.empty();
    }
    return Optional.of(new VerifiedBody.InMemory(e.body));
  }

  /** Keeps an in-memory body; spooled bodies (too large for memory) are not cached. */
  synchronized void put(SiteResource r, VerifiedBody body) {
    if (!(body instanceof VerifiedBody.InMemory m) || m.bytes().length > maxBytes) {
      return;
    }
    Entry old = entries.put(key(r), new Entry(Arrays.copyOf(r.blobHash(), r.blobHash().length), m.bytes()));
    bytes += m.bytes().length - (old == null ? 0 : old.body.length);
    var it = entries.values().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      bytes -= it.next().body.length;
      it.remove();
    }
  }

  synchronized long bytes() {
    return bytes;
  }
}
