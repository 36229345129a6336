package dev.walrus.sites.portal;

import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteRoute;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which of a site's routes or redirects applies to a path (sites.md §4.5, §4.6): of the patterns
 * that match, the most specific ({@link PathPattern#moreSpecificThan}); on a tie the one set
 * first. Routes are read in the legacy grammar (rewritten to globs), redirects as globs; a pattern
 * that is not valid is skipped.
 */
final class SiteRules {
  private SiteRules() {}

  static Optional<SiteRoute> route(List<SiteRoute> routes, String path) {
    return best(routes, path, r -> PathPattern.legacyRoute(r.pattern()));
  }

  static Optional<SiteRedirect> redirect(List<SiteRedirect> redirects, String path) {
    return best(redirects, path, r -> PathPattern.parse(r.pattern()));
  }

  private static <T> Optional<T> best(List<T> rules, String path, Function<T, Optional<PathPattern>> pattern) {
    if (rules == null) {
      return Optional.empty();
    }
    T best = null;
    PathPattern bestPattern = null;
    for (T rule : rules) {
      Optional<PathPattern> p = pattern.apply(rule);
      if (p.isEmpty() || !p.get().matches(path)) {
        continue;
      }
      if (bestPattern == null || p.get().moreSpecificThan(bestPattern)) {
        best = rule;
        bestPattern = p.get();
      }
    }
    return Optional.ofNullable(best);
  }
}
