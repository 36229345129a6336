package dev.walrus.sites.portal;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteView;
import java.util.Optional;

/**
 * Where the portal learns what a site holds: the ledger ({@link LedgerSiteDirectory}), a cache in
 * front of it ({@link CachingSiteDirectory}), or a fake in tests. Both lookups are point reads, so
 * a page view costs one or two of them (sites.md §1.3).
 */
public interface SiteDirectory {

  /** The site, or empty if there is none with this ID. */
  Optional<SiteView> site(ObjectId siteId);

  /** The site's resource at {@code path}, or empty if it has none there. */
  Optional<SiteResource> resource(ObjectId siteId, String path);

  /** The directory cannot answer (the ledger is unreachable or failed); the portal answers 503. */
  final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
