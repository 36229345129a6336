package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

  private static boolean m(String glob, String path) {
    return GlobPattern.compile(glob).matches(path);
  }

  @Test
  void starCrossesSlashes() {
    assertThat(m("/*.svg", "/a/b.svg")).isTrue();
    assertThat(m("/*.svg", "/b.svg")).isTrue();
    assertThat(m("/*.svg", "/b.svgz")).isFalse();
    assertThat(m("*", "/anything/at/all")).isTrue();
    assertThat(m("/a*", "/b")).isFalse();
  }

  @Test
  void questionMarkIsOneCharacterSlashIncluded() {
    assertThat(m("/?.js", "/a.js")).isTrue();
    assertThat(m("/?.js", "/ab.js")).isFalse();
    assertThat(m("/a?b", "/a/b")).isTrue();
  }

  @Test
  void classesRangesAndNegation() {
    assertThat(m("/[abc].txt", "/b.txt")).isTrue();
    assertThat(m("/[abc].txt", "/d.txt")).isFalse();
    assertThat(m("/[a-c][0-9]", "/b7")).isTrue();
    assertThat(m("/[!a-c]", "/d")).isTrue();
    assertThat(m("/[!a-c]", "/a")).isFalse();
    assertThat(m("/[]]", "/]")).isTrue();
    assertThat(m("/[!]]", "/x")).isTrue();
    assertThat(m("/[?]", "/?")).isTrue();
    assertThat(m("/[?]", "/a")).isFalse();
    assertThat(m("/[a-]", "/-")).isTrue();
  }

  @Test
  void recursiveWildcardSpansWholeDirectories() {
    assertThat(m("/a/**/b.html", "/a/b.html")).isTrue();
    assertThat(m("/a/**/b.html", "/a/x/y/b.html")).isTrue();
    assertThat(m("/a/**/b.html", "/a/xb.html")).isFalse();
    assertThat(m("/a/**", "/a/x/y")).isTrue();
    assertThat(m("**/*.css", "/deep/down/style.css")).isTrue();
  }

  @Test
  void caseSensitive() {
    assertThat(m("/*.PNG", "/a.png")).isFalse();
  }

  @Test
  void invalidPatternsAreRefused() {
    assertThatThrownBy(() -> GlobPattern.compile("/***")).isInstanceOf(GlobPattern.InvalidGlobException.class)
        .hasMessageContaining("wildcards are either regular");
    assertThatThrownBy(() -> GlobPattern.compile("/a**")).hasMessageContaining("single path component");
    assertThatThrownBy(() -> GlobPattern.compile("/**a")).hasMessageContaining("single path component");
    assertThatThrownBy(() -> GlobPattern.compile("/[abc")).hasMessageContaining("invalid range pattern");
    assertThatThrownBy(() -> GlobPattern.compile("/[!]")).hasMessageContaining("invalid range pattern");
  }
}
