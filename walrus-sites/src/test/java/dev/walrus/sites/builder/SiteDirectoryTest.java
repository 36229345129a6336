package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteDirectoryTest {

  @Test
  void walksResourcePathsSkippingConfigIgnoredAndOutsideLinks(@TempDir Path tmp) throws Exception {
    Path site = Files.createDirectories(tmp.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<p>hi</p>");
    Files.createDirectories(site.resolve("css/deep"));
    Files.writeString(site.resolve("css/deep/a.css"), "a{}");
    Files.writeString(site.resolve("notes.tmp"), "x");
    Files.writeString(site.resolve("ws-resources.json"), "{\"ignore\": [\"/*.tmp\"]}");
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "do not publish");
    Files.createSymbolicLink(site.resolve("leak.txt"), secret);
    Files.createSymbolicLink(site.resolve("alias.html"), site.resolve("index.html"));
    Files.createSymbolicLink(site.resolve("loop"), site);

    Path config = site.resolve("ws-resources.json");
    List<String> warnings = new ArrayList<>();
    List<LocalFile> files = SiteDirectory.walk(site, config, WsResources.load(config, true), warnings::add);

    assertThat(files).extracting(LocalFile::resourcePath)
        .containsExactly("/alias.html", "/css/deep/a.css", "/index.html");
    LocalFile index = files.get(2);
    assertThat(index.size()).isEqualTo(9);
    assertThat(index.sha256()).isEqualTo(SiteDirectory.sha256("<p>hi</p>".getBytes(StandardCharsets.UTF_8)));
    assertThat(warnings).anyMatch(w -> w.contains("/leak.txt") && w.contains("outside the folder"));
    assertThat(warnings).anyMatch(w -> w.contains("/loop"));
  }

  @Test
  void aMissingFolderIsAClearError(@TempDir Path tmp) {
    assertThatThrownBy(() -> SiteDirectory.walk(tmp.resolve("nope"), tmp.resolve("nope/ws-resources.json"),
        WsResources.EMPTY, w -> { })).isInstanceOf(SiteBuilderException.class).hasMessageContaining("no such directory");
  }

  @Test
  void overlongPathsAreRefused() {
    SiteDirectory.checkPath("/" + "a".repeat(2047));
    assertThatThrownBy(() -> SiteDirectory.checkPath("/" + "a".repeat(2048)))
        .isInstanceOf(SiteBuilderException.class).hasMessageContaining("too long");
  }
}
