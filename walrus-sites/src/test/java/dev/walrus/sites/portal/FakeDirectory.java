package dev.walrus.sites.portal;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.SiteView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Sites held in memory, for tests; counts lookups. */
final class FakeDirectory implements SiteDirectory {
  private final Map<ObjectId, SiteView> sites = new ConcurrentHashMap<>();
  private final Map<ObjectId, Map<String, SiteResource>> resources = new ConcurrentHashMap<>();
  final AtomicInteger lookups = new AtomicInteger();
  volatile boolean down;

  void addSite(ObjectId id, List<SiteRoute> routes, List<SiteRedirect> redirects, SiteResource... files) {
    sites.put(id, new SiteView(id, Address.of(new byte[32]), "test site", SiteMetadata.EMPTY, 3, files.length,
        routes, redirects));
    Map<String, SiteResource> byPath = new ConcurrentHashMap<>();
    for (SiteResource r : files) {
      byPath.put(r.path(), r);
    }
    resources.put(id, byPath);
  }

  @Override
  public Optional<SiteView> site(ObjectId siteId) {
    lookups.incrementAndGet();
    check();
    return Optional.ofNullable(sites.get(siteId));
  }

  @Override
  public Optional<SiteResource> resource(ObjectId siteId, String path) {
    lookups.incrementAndGet();
    check();
    return Optional.ofNullable(resources.getOrDefault(siteId, Map.of()).get(path));
  }

  private void check() {
    if (down) {
      throw new UnavailableException("the fake ledger is down", null);
    }
  }
}
