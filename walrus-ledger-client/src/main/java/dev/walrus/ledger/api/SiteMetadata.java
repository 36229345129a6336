package dev.walrus.ledger.api;

import java.util.Optional;

/** A site's descriptive fields (sites.md §1.1); the portal never reads them. */
public record SiteMetadata(
    Optional<String> link,
    Optional<String> imageUrl,
    Optional<String> description,
    Optional<String> projectUrl,
    Optional<String> creator) {

  public static final SiteMetadata EMPTY =
      new SiteMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
