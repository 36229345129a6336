package dev.walrus.ledger.state.sites;

import dev.walrus.core.ObjectId;

/**
 * Where a resource is stored: a site's resources are adjacent, in path order, so a lookup is one
 * point read and a page of the listing is one range read. Paths compare in UTF-8 byte order
 * (which is code-point order), the order the API promises, not Java's UTF-16 order.
 */
public record ResourceKey(ObjectId site, String path) implements Comparable<ResourceKey> {

  /** Sorts before every resource of {@code site} (every path starts with {@code /}). */
  static ResourceKey first(ObjectId site) {
    return new ResourceKey(site, "");
  }

  @Override
  public int compareTo(ResourceKey o) {
    int c = site.compareTo(o.site);
    return c != 0 ? c : SiteText.compareUtf8(path, o.path);
  }
}
