package dev.walrus.ledger.state.sites;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.LedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sites module's tables. Like every table of the {@link LedgerStore}, they are part of the
 * state digest (so replicas that disagree on a site disagree on the state root) and of snapshots
 * (so a restored replica holds the sites). The site itself is a {@link
 * dev.walrus.ledger.state.objects.Site} in the object table; these hold what hangs off it.
 */
final class SiteTables {
  /** A site's routes in the order they were set (the portal breaks ties by it). */
  record RouteSet(List<SiteRoute> routes) {}

  /** A site's redirects in the order they were set. */
  record RedirectSet(List<SiteRedirect> redirects) {}

  final JournaledMap<ResourceKey, SiteResource> resources;
  final JournaledMap<ObjectId, RouteSet> routes;
  final JournaledMap<ObjectId, RedirectSet> redirects;

  SiteTables(LedgerStore store) {
    this.resources = store.map("sites.resources", ResourceKey.class, SiteResource.class);
    this.routes = store.map("sites.routes", ObjectId.class, RouteSet.class);
    this.redirects = store.map("sites.redirects", ObjectId.class, RedirectSet.class);
  }

  /** Up to {@code limit} resources of {@code site} after {@code after} (exclusive; null: from the start). */
  List<SiteResource> resources(ObjectId site, String after, int limit) {
    var tail = after == null
        ? resources.view().tailMap(ResourceKey.first(site))
        : resources.view().tailMap(new ResourceKey(site, after + '\0'));
    List<SiteResource> out = new ArrayList<>(Math.min(limit, 1024));
    for (Map.Entry<ResourceKey, SiteResource> e : tail.entrySet()) {
      if (!e.getKey().site().equals(site) || out.size() >= limit) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  /** Every resource key of {@code site}, in path order. */
  List<ResourceKey> keys(ObjectId site) {
    List<ResourceKey> out = new ArrayList<>();
    for (ResourceKey k : resources.view().tailMap(ResourceKey.first(site)).keySet()) {
      if (!k.site().equals(site)) {
        break;
      }
      out.add(k);
    }
    return out;
  }
}
