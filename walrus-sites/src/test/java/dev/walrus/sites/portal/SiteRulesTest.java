package dev.walrus.sites.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteRoute;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteRulesTest {

  private static Optional<String> route(String path, String... patternTargetPairs) {
    List<SiteRoute> routes = new java.util.ArrayList<>();
    for (int i = 0; i < patternTargetPairs.length; i += 2) {
      routes.add(new SiteRoute(patternTargetPairs[i], patternTargetPairs[i + 1]));
    }
    return SiteRules.route(routes, path).map(SiteRoute::target);
  }

  @Test
  void legacyRoutesKeepTheirMeaning() {
    assertThat(route("/x/y/z", "/*", "/index.html")).contains("/index.html");
    assertThat(route("/index.html", "/*", "/index.html")).contains("/index.html");
    assertThat(route("/app", "/app/*", "/app.html")).isEmpty();
    assertThat(route("/app/a/b", "/app/*", "/app.html")).contains("/app.html");
    assertThat(route("/a/x/y/b", "/a/*/b", "/ab.html")).contains("/ab.html");
    assertThat(route("/exact", "/exact", "/e.html")).contains("/e.html");
    assertThat(route("/exact/more", "/exact", "/e.html")).isEmpty();
  }

  @Test
  void theMostSpecificRouteWinsAndTiesGoToTheFirst() {
    assertThat(route("/app/users/1", "/*", "/index.html", "/app/*", "/app.html", "/app/users/*", "/users.html"))
        .contains("/users.html");
    assertThat(route("/app/other", "/*", "/index.html", "/app/*", "/app.html", "/app/users/*", "/users.html"))
        .contains("/app.html");
    assertThat(route("/p/q", "/p/*", "/first.html", "/p/*", "/second.html")).contains("/first.html");
  }

  @Test
  void globsStayInTheirSegmentAndInvalidPatternsAreSkipped() {
    Optional<PathPattern> p = PathPattern.parse("/img/*.png");
    assertThat(p).isPresent();
    assertThat(p.get().matches("/img/a.png")).isTrue();
    assertThat(p.get().matches("/img/a/b.png")).isFalse();
    assertThat(PathPattern.parse("/**/*.png").get().matches("/a/b/c.png")).isTrue();
    assertThat(PathPattern.parse("/**/*.png").get().matches("/c.png")).isTrue();
    assertThat(PathPattern.parse("/a*b*")).isEmpty();
    assertThat(PathPattern.parse("/**/x/**")).isEmpty();
    assertThat(PathPattern.parse("no-slash")).isEmpty();
    List<SiteRedirect> redirects = List.of(new SiteRedirect("/a*b*", "/bad", 301),
        new SiteRedirect("/blog/*", "/news", 301), new SiteRedirect("/blog/2024", "/archive", 308));
    assertThat(SiteRules.redirect(redirects, "/blog/2024").map(SiteRedirect::location)).contains("/archive");
    assertThat(SiteRules.redirect(redirects, "/blog/2025").map(SiteRedirect::location)).contains("/news");
    assertThat(SiteRules.redirect(redirects, "/blog/2025/x")).isEmpty(); // redirects are not rewritten
  }
}
