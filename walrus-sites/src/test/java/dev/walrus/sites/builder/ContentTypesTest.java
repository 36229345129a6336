package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

  @Test
  void commonTypesByExtension() {
    assertThat(ContentTypes.forPath("/index.html")).isEqualTo("text/html");
    assertThat(ContentTypes.forPath("/css/style.css")).isEqualTo("text/css");
    assertThat(ContentTypes.forPath("/app.js")).isEqualTo("text/javascript");
    assertThat(ContentTypes.forPath("/mod.mjs")).isEqualTo("text/javascript");
    assertThat(ContentTypes.forPath("/data.json")).isEqualTo("application/json");
    assertThat(ContentTypes.forPath("/logo.svg")).isEqualTo("image/svg+xml");
    assertThat(ContentTypes.forPath("/a.png")).isEqualTo("image/png");
    assertThat(ContentTypes.forPath("/a.jpg")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forPath("/a.jpeg")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forPath("/f.woff2")).isEqualTo("font/woff2");
    assertThat(ContentTypes.forPath("/v.mp4")).isEqualTo("video/mp4");
    assertThat(ContentTypes.forPath("/s.ts")).isEqualTo("video/mp2t");
  }

  @Test
  void unknownUppercaseAndExtensionlessAreOctetStream() {
    assertThat(ContentTypes.forPath("/module.wasm")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forPath("/README.md")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forPath("/LOGO.PNG")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forPath("/Makefile")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forPath("/dir.html/file")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forPath("/trailing.")).isEqualTo(ContentTypes.DEFAULT);
  }
}
