package dev.walrus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

  @Test
  void namesTypesByTheIdentifiersExtension() {
    assertThat(ContentTypes.forIdentifier("index.html")).contains("text/html");
    assertThat(ContentTypes.forIdentifier("/assets/app.min.JS")).contains("text/javascript");
    assertThat(ContentTypes.forIdentifier("img/logo.svg")).contains("image/svg+xml");
    assertThat(ContentTypes.forIdentifier("fonts/a.woff2")).contains("font/woff2");
    assertThat(ContentTypes.forIdentifier("README")).isEmpty();
    assertThat(ContentTypes.forIdentifier(".bashrc")).isEmpty();
    assertThat(ContentTypes.forIdentifier("dir.d/file")).isEmpty();
    assertThat(ContentTypes.forIdentifier("trailing.")).isEmpty();
    assertThat(ContentTypes.forIdentifier("data.unknownext")).isEmpty();
  }
}
