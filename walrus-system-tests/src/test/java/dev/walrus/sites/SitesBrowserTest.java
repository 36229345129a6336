package dev.walrus.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.cli.CliRun;
import dev.walrus.local.LocalProcess;
import dev.walrus.local.LocalState;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the README tells a new user to do, in a real browser: {@code walrus local}, {@code walrus
 * site deploy examples/site}, then open {@code http://<base36>.localhost:PORT/} in headless
 * Chromium. The rendered DOM shows the page's title, the text its script wrote and its image
 * loaded; a single-page-app route serves the same page; a missing path gets the site's 404 page;
 * a redeploy with one file changed uploads that file alone and the browser sees the change.
 * Screenshots go to {@code target/site-screenshots/} (build artefacts).
 */
class SitesBrowserTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Path dir = Path.of("target", "sites-browser-test-" + ProcessHandle.current().pid()).toAbsolutePath();
  private final Path screenshots = Path.of("target", "site-screenshots").toAbsolutePath();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    LocalProcess.destroyAll(processes);
  }

  @Test
  void theExampleSiteDeploysAndRendersInChromium() throws Exception {
    HeadlessChromium.require();
    Process local = startLocal();
    LocalState state = LocalProcess.awaitState(local, dir);
    Path site = copyExample(dir.resolve("site"));

    CliRun deploy = CliRun.run("site", "deploy", site.toString(), "--epochs", "5", "--json", "--config",
        state.clientConfig());
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    JsonNode result = JSON.readTree(deploy.out());
    String base36 = result.path("base36").asString();
    assertThat(result.path("newSite").asBoolean()).isTrue();
    assertThat(Files.readString(site.resolve("ws-resources.json"))).contains(result.path("siteId").asString());

    int port = URI.create(state.portalUrl()).getPort();
    URI home = URI.create("http://" + base36 + ".localhost:" + port + "/");
    String dom = HeadlessChromium.dumpDom(home, dir);
    assertThat(dom).contains("<title>Walrus Sites example</title>")
        .contains("Hello from app.js, served by Walrus Sites!")
        .contains("data-image-loaded=\"true\"")
        .contains("<code id=\"path\">/</code>");
    HeadlessChromium.screenshot(home, screenshots.resolve("example-site.png"), dir);

    // A single-page-app route (routes: /app/* -> /index.html) serves the page for its own path.
    String route = HeadlessChromium.dumpDom(home.resolve("/app/settings"), dir);
    assertThat(route).contains("Hello from app.js").contains("<code id=\"path\">/app/settings</code>");
    // A missing path gets the site's own 404 page.
    String missing = HeadlessChromium.dumpDom(home.resolve("/missing"), dir);
    assertThat(missing).contains(Files.readString(site.resolve("404.html")).lines()
        .filter(l -> l.contains("<title>")).findFirst().orElseThrow().trim());

    // One file changed: one file uploaded, and the browser sees it.
    Path appJs = site.resolve("app.js");
    Files.writeString(appJs, Files.readString(appJs).replace("served by Walrus Sites!", "redeployed!"));
    CliRun again = CliRun.run("site", "deploy", site.toString(), "--epochs", "5", "--json", "--config",
        state.clientConfig());
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode second = JSON.readTree(again.out());
    assertThat(second.path("newSite").asBoolean()).isFalse();
    assertThat(second.path("filesUploaded").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(HeadlessChromium.dumpDom(home, dir)).contains("Hello from app.js, redeployed!"));
    HeadlessChromium.screenshot(home, screenshots.resolve("example-site-redeployed.png"), dir);
  }

  private static Path copyExample(Path target) throws IOException {
    Path example = repositoryRoot().resolve("examples/site");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path f : files.toList()) {
        Path to = target.resolve(example.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }

  private static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/site"))) {
      p = p.getParent();
    }
    assertThat(p).as("examples/site above " + Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }

  private Process startLocal() throws IOException {
    Process p = LocalProcess.start(dir, "--nodes", "4", "--shards", "100", "--epoch-duration", "10m",
        "--daemon-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--portal-address", "127.0.0.1:0",
        "--explorer-address", "127.0.0.1:0",
        "--node-heap", "320m", "--no-challenges");
    processes.add(p);
    return p;
  }
}
