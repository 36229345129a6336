package dev.walrus.ledger.state.sites;

import static dev.walrus.ledger.state.sites.SiteErrors.MODULE;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.RuleModule;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.LedgerObject;
import dev.walrus.ledger.state.objects.ObjectStore;
import dev.walrus.ledger.state.objects.Site;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walrus Sites on the ledger (sites.md §8): create a site, change it with one atomic diff, destroy
 * it with everything it holds. A site is an owned {@link Site} object, so {@code TransferObject}
 * moves it and only its owner may change it. Every check runs before the first change, and the
 * ledger rolls back an aborted transaction anyway, so a refused diff leaves the site as it was.
 *
 * <p>Work per transaction is bounded: a diff touches at most {@link SiteLimits#MAX_DIFF_ENTRIES}
 * resources (each a point read and write, O(log n) in the table); {@code DestroySite} removes at
 * most {@link SiteLimits#MAX_RESOURCES} entries, each an O(log n) removal plus, at the end of the
 * block, one hash of the removed entry for the state digest — linear in the bytes the site held,
 * which the transactions that put them carried and paid for.
 */
public final class SiteRules implements RuleModule {
  private final ObjectStore objects;
  private final SiteTables t;

  public SiteRules(LedgerServices ledger) {
    this.objects = ledger.objects();
    this.t = new SiteTables(ledger.store());
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return Set.of(Operation.CreateSite.class, Operation.UpdateSite.class, Operation.DestroySite.class);
  }

  @Override
  public void execute(TxContext ctx, Operation operation) {
    switch (operation) {
      case Operation.CreateSite op -> create(ctx, op);
      case Operation.UpdateSite op -> update(ctx, op.site(), op.diff());
      case Operation.DestroySite op -> destroy(ctx, op.site());
      default -> throw new IllegalArgumentException(operation.getClass().getSimpleName() + " is not a site operation");
    }
  }

  private void create(TxContext ctx, Operation.CreateSite op) {
    SiteValidation.name(op.name());
    SiteValidation.metadata(op.metadata());
    Site site = new Site(ctx.newObjectId(), ctx.sender(), op.name(), op.metadata(), 1, 0);
    objects.put(site);
    ctx.emit(new LedgerEvent.SiteCreated(site.id(), site.ownerAddress(), site.name()));
  }

  private void update(TxContext ctx, ObjectId id, SiteDiff diff) {
    Site site = owned(ctx, id);
    validate(diff);
    long count = site.resourceCount();
    for (String path : diff.deletes()) {
      Abort.check(t.resources.remove(new ResourceKey(id, path)) != null, MODULE, SiteErrors.NO_SUCH_RESOURCE,
          "site " + id + " has no resource " + SiteValidation.shown(path)
              + " to delete (was the diff built from version " + site.version() + "?)");
      count--;
    }
    for (SiteResource r : diff.puts()) {
      ResourceKey key = new ResourceKey(id, r.path());
      if (!t.resources.contains(key)) {
        count++;
      }
      t.resources.put(key, r);
    }
    Abort.check(count <= SiteLimits.MAX_RESOURCES, MODULE, SiteErrors.TOO_MANY_RESOURCES,
        "site " + id + " would hold " + count + " resources, more than " + SiteLimits.MAX_RESOURCES);
    diff.routes().ifPresent(routes -> setRoutes(id, routes));
    diff.redirects().ifPresent(redirects -> setRedirects(id, redirects));
    Site next = new Site(id, site.ownerAddress(), diff.name().orElse(site.name()),
        diff.metadata().orElse(site.metadata()), site.version() + 1, count);
    objects.put(next);
    ctx.emit(new LedgerEvent.SiteUpdated(id, next.version(), diff.deletes().size(), diff.puts().size()));
  }

  /** Every shape rule of a diff, before anything changes. */
  private static void validate(SiteDiff diff) {
    int entries = diff.deletes().size() + diff.puts().size();
    Abort.check(entries <= SiteLimits.MAX_DIFF_ENTRIES, MODULE, SiteErrors.DIFF_TOO_LARGE,
        "a diff carries at most " + SiteLimits.MAX_DIFF_ENTRIES + " deletes and puts together, not " + entries
            + "; split it into several updates");
    Set<String> deleted = new HashSet<>();
    for (String path : diff.deletes()) {
      Abort.check(deleted.add(path), MODULE, SiteErrors.DIFF_CONFLICT,
          "path " + SiteValidation.shown(path) + " is deleted twice");
    }
    Set<String> put = new HashSet<>();
    for (SiteResource r : diff.puts()) {
      SiteValidation.resource(r);
      Abort.check(put.add(r.path()), MODULE, SiteErrors.DIFF_CONFLICT,
          "path " + SiteValidation.shown(r.path()) + " is put twice");
      Abort.check(!deleted.contains(r.path()), MODULE, SiteErrors.DIFF_CONFLICT,
          "path " + SiteValidation.shown(r.path()) + " is both deleted and put; a put alone replaces it");
    }
    diff.routes().ifPresent(SiteValidation::routes);
    diff.redirects().ifPresent(SiteValidation::redirects);
    diff.metadata().ifPresent(SiteValidation::metadata);
    diff.name().ifPresent(SiteValidation::name);
  }

  private void setRoutes(ObjectId id, List<SiteRoute> routes) {
    if (routes.isEmpty()) {
      t.routes.remove(id);
    } else {
      t.routes.put(id, new SiteTables.RouteSet(List.copyOf(routes)));
    }
  }

  private void setRedirects(ObjectId id, List<SiteRedirect> redirects) {
    if (redirects.isEmpty()) {
      t.redirects.remove(id);
    } else {
      t.redirects.put(id, new SiteTables.RedirectSet(List.copyOf(redirects)));
    }
  }

  /** Removes the site and everything that hangs off it, so nothing is left orphaned (sites.md §4.11). */
  private void destroy(TxContext ctx, ObjectId id) {
    owned(ctx, id);
    for (ResourceKey key : t.keys(id)) {
      t.resources.remove(key);
    }
    t.routes.remove(id);
    t.redirects.remove(id);
    objects.delete(ctx, id);
    ctx.emit(new LedgerEvent.SiteDestroyed(id));
  }

  private Site owned(TxContext ctx, ObjectId id) {
    Site site = find(id).orElseThrow(() -> new Abort(MODULE, SiteErrors.NOT_FOUND, "no site " + id));
    Abort.check(site.ownerAddress().equals(ctx.sender()), MODULE, SiteErrors.NOT_OWNER,
        "site " + id + " is owned by " + site.ownerAddress() + ", not by " + ctx.sender());
    return site;
  }

  // ---- reading ----------------------------------------------------------------------------------

  public Optional<Site> find(ObjectId id) {
    LedgerObject o = objects.find(id);
    return o instanceof Site s ? Optional.of(s) : Optional.empty();
  }

  /** The resource at {@code path} of {@code site}: one point read. */
  public Optional<SiteResource> resource(ObjectId site, String path) {
    return t.resources.find(new ResourceKey(site, path));
  }

  /** Up to {@code limit} resources of {@code site} in path order, after {@code after} (null: from the start). */
  public List<SiteResource> resources(ObjectId site, String after, int limit) {
    return t.resources(site, after, limit);
  }

  public List<SiteRoute> routes(ObjectId site) {
    return t.routes.find(site).map(SiteTables.RouteSet::routes).orElse(List.of());
  }

  public List<SiteRedirect> redirects(ObjectId site) {
    return t.redirects.find(site).map(SiteTables.RedirectSet::redirects).orElse(List.of());
  }

  /** Up to {@code limit} sites {@code owner} owns, in ID order (follows transfers). */
  public List<Site> ownedBy(Address owner, int limit) {
    return objects.ownedBy(owner, Site.class, limit);
  }
}
