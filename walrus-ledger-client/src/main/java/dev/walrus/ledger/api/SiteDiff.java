package dev.walrus.ledger.api;

import java.util.List;
import java.util.Optional;

/**
 * One atomic change to a site (sites.md §8.2 {@code applyDiff}): the paths in {@code deletes} are
 * removed first, then each of {@code puts} is added or replaces the resource at its path. {@code
 * routes} and {@code redirects} replace the whole set when present (an empty list removes it) and
 * leave it as it is when absent; likewise {@code metadata} and {@code name}.
 */
public record SiteDiff(
    List<String> deletes,
    List<SiteResource> puts,
    Optional<List<SiteRoute>> routes,
    Optional<List<SiteRedirect>> redirects,
    Optional<SiteMetadata> metadata,
    Optional<String> name) {}
