package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsResourcesTest {
  private static final String ID = "0x" + "ab".repeat(32);

  @Test
  void parsesEveryKey() {
    WsResources r = WsResources.parse("ws-resources.json", """
        {
          "headers": {"/index.html": {"Cache-Control": "no-cache"}},
          "routes": {"/app/*": "/index.html", "/a": "/b.html"},
          "redirects": {"/old/*": {"location": "/new", "status_code": 301}},
          "metadata": {"link": "https://x", "image_url": "https://i", "description": "d",
                       "project_url": "https://p", "creator": "me"},
          "site_name": "Example",
          "object_id": "%s",
          "ignore": ["/private/*", "/*.tmp"]
        }
        """.formatted(ID));
    assertThat(r.headers()).containsKey("/index.html");
    assertThat(r.ledgerRoutes()).containsExactly(new SiteRoute("/a", "/b.html"), new SiteRoute("/app/*", "/index.html"));
    assertThat(r.ledgerRedirects()).containsExactly(new SiteRedirect("/old/*", "/new", 301));
    assertThat(r.metadata().orElseThrow().toLedger().creator()).contains("me");
    assertThat(r.siteName()).contains("Example");
    assertThat(r.objectId()).contains(ObjectId.parse(ID));
    assertThat(r.ignores("/private/key.pem")).isTrue();
    assertThat(r.ignores("/notes.tmp")).isTrue();
    assertThat(r.ignores("/index.html")).isFalse();
  }

  @Test
  void anEmptyObjectIsEmpty() {
    WsResources r = WsResources.parse("f", "{}");
    assertThat(r.headers()).isEmpty();
    assertThat(r.objectId()).isEmpty();
    assertThat(r.metadata()).isEmpty();
  }

  @Test
  void anUnknownKeyIsRefusedWithItsPlace() {
    assertThatThrownBy(() -> WsResources.parse("ws-resources.json", "{\n  \"site-name\": \"x\"\n}"))
        .isInstanceOf(WsResourcesException.class)
        .hasMessageStartingWith("ws-resources.json:2:")
        .hasMessageContaining("unknown key 'site-name'")
        .hasMessageContaining("site_name");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"metadata\": {\"imageUrl\": \"x\"}}"))
        .hasMessageContaining("unknown key 'imageUrl'");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> WsResources.parse("ws-resources.json", "{\n  \"routes\": {\n    \"/a\": \"/b\",,\n  }\n}"))
        .isInstanceOf(WsResourcesException.class)
        .hasMessageStartingWith("ws-resources.json:3:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> WsResources.parse("f", "{\"ignore\": \"*.tmp\"}"))
        .hasMessageStartingWith("f:1:").hasMessageContaining("ignore");
    assertThatThrownBy(() -> WsResources.parse("f", "[]")).isInstanceOf(WsResourcesException.class);
    assertThatThrownBy(() -> WsResources.parse("f", "{} {}")).isInstanceOf(WsResourcesException.class);
    assertThatThrownBy(() -> WsResources.parse("f", "{\"site_name\": \"a\", \"site_name\": \"b\"}"))
        .hasMessageContaining("site_name");
  }

  @Test
  void badGlobsAreRefused() {
    assertThatThrownBy(() -> WsResources.parse("f", "{\"headers\": {\"/a**\": {\"x\": \"y\"}}}"))
        .hasMessageContaining("headers: invalid glob '/a**'");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"ignore\": [\"/[abc\"]}"))
        .hasMessageContaining("ignore: invalid glob '/[abc'");
  }

  @Test
  void redirectStatusesAreChecked() {
    assertThatThrownBy(() -> WsResources.parse("f",
        "{\"redirects\": {\"/a\": {\"location\": \"/b\", \"status_code\": 200}}}"))
        .hasMessageContaining("status_code 200").hasMessageContaining("301, 302, 303, 307, 308");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"redirects\": {\"/a\": {\"location\": \"/b\"}}}"))
        .isInstanceOf(WsResourcesException.class);
    for (int ok : List.of(301, 302, 303, 307, 308)) {
      assertThat(WsResources.parse("f",
          "{\"redirects\": {\"/a\": {\"location\": \"/b\", \"status_code\": " + ok + "}}}").redirects()).hasSize(1);
    }
  }

  @Test
  void whatTheLedgerWouldRefuseIsRefusedBeforeAnyUpload() {
    assertThatThrownBy(() -> WsResources.parse("f", "{\"headers\": {\"/a\": {\"Bad Name\": \"x\"}}}"))
        .hasMessageContaining("not an HTTP header name");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"headers\": {\"/a\": {\"x-a\": \"1\\r\\n2\"}}}"))
        .hasMessageContaining("without line breaks");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"routes\": {\"app/*\": \"/index.html\"}}"))
        .hasMessageContaining("must start with '/'");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"site_name\": \"" + "n".repeat(257) + "\"}"))
        .hasMessageContaining("at most 256");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"metadata\": {\"creator\": \"" + "c".repeat(2049) + "\"}}"))
        .hasMessageContaining("2 048 bytes");
  }

  @Test
  void badObjectIdAndRouteTarget() {
    assertThatThrownBy(() -> WsResources.parse("f", "{\"object_id\": \"0x12\"}")).hasMessageContaining("object_id");
    assertThatThrownBy(() -> WsResources.parse("f", "{\"routes\": {\"/a/*\": \"index.html\"}}"))
        .hasMessageContaining("starting with '/'");
  }

  @Test
  void writeBackKeepsTheRestOfTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ws-resources.json");
    Files.writeString(f, "{\"routes\": {\"/app/*\": \"/index.html\"}, \"ignore\": [\"/x\"]}");
    ObjectId id = ObjectId.parse(ID);
    WsResources.writeBack(f, id, "Mine");
    WsResources back = WsResources.load(f, true);
    assertThat(back.objectId()).contains(id);
    assertThat(back.siteName()).contains("Mine");
    assertThat(back.routes()).containsEntry("/app/*", "/index.html");
    assertThat(back.ignore()).containsExactly("/x");
    assertThat(Files.readString(f)).startsWith("{\n  \"routes\"");

    Path created = dir.resolve("new.json");
    WsResources.writeBack(created, id, "New");
    assertThat(WsResources.load(created, true).objectId()).contains(id);
    assertThat(WsResources.load(dir.resolve("missing.json"), false)).isEqualTo(WsResources.EMPTY);
    assertThatThrownBy(() -> WsResources.load(dir.resolve("missing.json"), true))
        .hasMessageContaining("no such file");
  }
}
