package dev.walrus.sites.portal;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.util.Optional;

/** Sites as the ledger has them, through its client (which fails over between replicas). */
public final class LedgerSiteDirectory implements SiteDirectory {
  private final LedgerClient ledger;

  public LedgerSiteDirectory(LedgerClient ledger) {
    this.ledger = ledger;
  }

  @Override
  public Optional<SiteView> site(ObjectId siteId) {
    try {
      return Optional.of(ledger.site(siteId));
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        return Optional.empty();
      }
      throw unavailable(e);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  @Override
  public Optional<SiteResource> resource(ObjectId siteId, String path) {
    try {
      return ledger.siteResource(siteId, path);
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        return Optional.empty(); // the site went away between the two lookups
      }
      throw unavailable(e);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  private static UnavailableException unavailable(RuntimeException e) {
    return new UnavailableException("the ledger did not answer: " + e.getMessage(), e);
  }
}
