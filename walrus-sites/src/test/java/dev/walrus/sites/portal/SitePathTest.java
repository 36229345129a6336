package dev.walrus.sites.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SitePathTest {

  @Test
  void normalisesAsTheWalrusPortalDoes() {
    assertThat(SitePath.normalise("/")).isEqualTo("/index.html");
    assertThat(SitePath.normalise("")).isEqualTo("/index.html");
    assertThat(SitePath.normalise("/docs/")).isEqualTo("/docs");
    assertThat(SitePath.normalise("/docs")).isEqualTo("/docs");
    assertThat(SitePath.normalise("/a%20b/%C3%A9t%C3%A9.html")).isEqualTo("/a b/été.html");
    assertThat(SitePath.normalise("/été")).isEqualTo("/été");
    assertThat(SitePath.normalise("/a..b/.hidden")).isEqualTo("/a..b/.hidden");
  }

  @Test
  void refusesPathsThatCouldNameSomethingElse() {
    for (String bad : new String[] {"/..", "/a/../b", "/a/./b", "/a/%2E%2E/b", "/a/%2e/b", "/a%2fb", "/a%2F",
        "/a%5Cb", "/a\\b", "/%", "/%g0", "/%e9", "/%00", "/a\tb", "a"}) {
      assertThatThrownBy(() -> SitePath.normalise(bad)).as(bad).isInstanceOf(SitePath.BadPathException.class);
    }
  }
}
