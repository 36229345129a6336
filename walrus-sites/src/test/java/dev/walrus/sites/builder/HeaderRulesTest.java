package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.ledger.api.SiteHeader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

  private static Map<String, Map<String, String>> rules(Object... keyAndHeaders) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (int i = 0; i < keyAndHeaders.length; i += 2) {
      @SuppressWarnings("unchecked")
      Map<String, String> h = (Map<String, String>) keyAndHeaders[i + 1];
      out.put((String) keyAndHeaders[i], h);
    }
    return out;
  }

  @Test
  void theRuleWithMostSegmentsWinsAndRulesAreNotMerged() {
    HeaderRules r = new HeaderRules(rules(
        "*", Map.of("Cache-Control", "max-age=60"),
        "/assets/*", Map.of("Cache-Control", "max-age=3600"),
        "/assets/img/*.png", Map.of("X-Kind", "png")));
    assertThat(r.ruleFor("/assets/img/a.png")).contains("/assets/img/*.png");
    assertThat(r.headersFor("/assets/img/a.png")).containsExactly(
        new SiteHeader("x-kind", "png"), new SiteHeader("content-encoding", "identity"),
        new SiteHeader("content-type", "image/png"));
    assertThat(r.ruleFor("/assets/app.js")).contains("/assets/*");
    assertThat(r.ruleFor("/index.html")).contains("*");
  }

  @Test
  void aTieGoesToTheLexicographicallyFirstKey() {
    HeaderRules r = new HeaderRules(rules(
        "/b*", Map.of("X-Rule", "b"),
        "/*.html", Map.of("X-Rule", "star"),
        "/a*", Map.of("X-Rule", "a")));
    // "/*.html" < "/a*" < "/b*" in byte order: all have two segments.
    assertThat(r.ruleFor("/about.html")).contains("/*.html");
    assertThat(r.ruleFor("/about.css")).contains("/a*");
  }

  @Test
  void namesAreLowercasedAndSetValuesBeatDefaults() {
    HeaderRules r = new HeaderRules(rules("/*.js", Map.of("Content-Type", "application/javascript; charset=utf-8",
        "Content-Encoding", "gzip")));
    assertThat(r.headersFor("/x.js")).containsExactlyInAnyOrder(
        new SiteHeader("content-type", "application/javascript; charset=utf-8"),
        new SiteHeader("content-encoding", "gzip"));
  }

  @Test
  void withoutAMatchOnlyDefaults() {
    HeaderRules r = new HeaderRules(Map.of());
    assertThat(r.headersFor("/a/b.wasm")).isEqualTo(List.of(new SiteHeader("content-encoding", "identity"),
        new SiteHeader("content-type", "application/octet-stream")));
  }
}
