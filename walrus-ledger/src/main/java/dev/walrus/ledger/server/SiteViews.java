package dev.walrus.ledger.server;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteResourcesView;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.objects.Site;
import dev.walrus.ledger.state.sites.SiteRules;
import java.util.List;
import java.util.Optional;

/** The JSON views of Walrus Sites (sites.md §8), under the state's read lock. */
final class SiteViews {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1_000;
  /** {@code /v1/accounts/{a}/sites} answers at most this many. */
  static final int MAX_SITES_PER_OWNER = 1_000;

  private SiteViews() {}

  static SiteView site(LedgerState s, ObjectId id) {
    return view(s.sites(), require(s, id));
  }

  static SiteResource resource(LedgerState s, ObjectId id, String path) {
    require(s, id);
    return s.sites().resource(id, path).orElseThrow(() -> ApiException.notFound("RESOURCE_NOT_FOUND",
        "site " + id + " has no resource at " + path));
  }

  /** A page of at most {@code limit} resources after {@code after}; {@code next} is set when more follow. */
  static SiteResourcesView resources(LedgerState s, ObjectId id, String after, int limit) {
    require(s, id);
    List<SiteResource> page = s.sites().resources(id, after, limit + 1);
    boolean more = page.size() > limit;
    List<SiteResource> shown = more ? page.subList(0, limit) : page;
    return new SiteResourcesView(id, List.copyOf(shown),
        more ? Optional.of(shown.getLast().path()) : Optional.empty());
  }

  static List<SiteView> owned(LedgerState s, Address owner) {
    return s.sites().ownedBy(owner, MAX_SITES_PER_OWNER).stream().map(site -> view(s.sites(), site)).toList();
  }

  private static Site require(LedgerState s, ObjectId id) {
    return s.sites().find(id).orElseThrow(() -> ApiException.notFound("SITE_NOT_FOUND", "no site " + id));
  }

  private static SiteView view(SiteRules sites, Site site) {
    return new SiteView(site.id(), site.ownerAddress(), site.name(), site.metadata(), site.version(),
        site.resourceCount(), sites.routes(site.id()), sites.redirects(site.id()));
  }
}
