package dev.walrus.sites.portal;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteView;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers a directory's answers — absences included — for a short time (2 s by default), so that
 * a page and the dozen files it pulls in cost the ledger a request or two rather than one each,
 * while a redeploy still shows within seconds. Bounded: at most {@code maxEntries} answers, the
 * least recently used dropped first. Failures are not remembered.
 */
public final class CachingSiteDirectory implements SiteDirectory {
  private final SiteDirectory inner;
  private final long ttlNanos;
  private final LongSupplier clock;
  private final Lru<ObjectId, Optional<SiteView>> sites;
  private final Lru<ResourceKey, Optional<SiteResource>> resources;

  private record ResourceKey(ObjectId site, String path) {}

  private record Cached<V>(V value, long expiresAt) {}

  public CachingSiteDirectory(SiteDirectory inner, Duration ttl, int maxEntries) {
    this(inner, ttl, maxEntries, System::nanoTime);
  }

  CachingSiteDirectory(SiteDirectory inner, Duration ttl, int maxEntries, LongSupplier clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("at least one entry, got " + maxEntries);
    }
    this.inner = inner;
    this.ttlNanos = ttl.toNanos();
    this.clock = clock;
    this.sites = new Lru<>(maxEntries);
    this.resources = new Lru<>(maxEntries);
  }

  @Override
  public Optional<SiteView> site(ObjectId siteId) {
    return cached(sites, siteId, () -> inner.site(siteId));
  }

  @Override
  public Optional<SiteResource> resource(ObjectId siteId, String path) {
    return cached(resources, new ResourceKey(siteId, path), () -> inner.resource(siteId, path));
  }

  private <K, V> V cached(Lru<K, V> cache, K key, Supplier<V> load) {
    long now = clock.getAsLong();
    Cached<V> hit = cache.get(key);
    if (hit != null && hit.expiresAt() - now > 0) {
      return hit.value();
    }
    V value = load.get();
    cache.put(key, new Cached<>(value, now + ttlNanos));
    return value;
  }

  /** A synchronised least-recently-used map of bounded size. */
  private static final class Lru<K, V> {
    private final Map<K, Cached<V>> map;

    Lru(int max) {
      this.map = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Cached<V>> eldest) {
          return size() > max;
        }
      };
    }

    synchronized Cached<V> get(K key) {
      return map.get(key);
    }

    synchronized void put(K key, Cached<V> entry) {
      map.put(key, entry);
    }
  }
}
