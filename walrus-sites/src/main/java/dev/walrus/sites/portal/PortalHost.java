package dev.walrus.sites.portal;

import dev.walrus.core.ObjectId;
import dev.walrus.sites.SiteIds;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request's host names (sites.md §4.2, base36 resolution only): the portal's bare domain
 * (its landing page or landing site), a site by the base36 label in front of the domain ({@code
 * <base36>.localhost}), or nothing the portal serves — another host, a nested label, or a label
 * that is not a site ID.
 */
sealed interface PortalHost {

  record Landing() implements PortalHost {}

  record Site(ObjectId id, String label) implements PortalHost {}

  record NotASite(String host) implements PortalHost {}

  /** {@code host} (no port) under the portal's {@code domain}. */
  static PortalHost of(String host, String domain) {
    if (host == null || host.isEmpty()) {
      return new NotASite("");
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    String d = domain.toLowerCase(Locale.ROOT);
    if (h.equals(d)) {
      return new Landing();
    }
    if (!h.endsWith("." + d)) {
      return new NotASite(host);
    }
    String label = h.substring(0, h.length() - d.length() - 1);
    if (label.contains(".")) {
      return new NotASite(host);
    }
    Optional<ObjectId> id = SiteIds.fromBase36(label);
    return id.<PortalHost>map(i -> new Site(i, label)).orElseGet(() -> new NotASite(host));
  }
}
