package dev.walrus.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.local.LocalProcess;
import dev.walrus.local.LocalState;
import dev.walrus.sites.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The explorer of {@code walrus local}, in headless Chromium: the network page shows the epoch and
 * the committee, a stored blob's page shows every sliver pair green, its certification is on the
 * events page, and once one node process is
 * killed its pairs turn red and the nodes page reports it down. Screenshots go to {@code
 * target/explorer-screenshots/} (build artefacts). The escaping of node names with markup is
 * tested against a fake ledger in walrus-explorer ({@code walrus local} names its nodes itself).
 */
class ExplorerBrowserTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CELL = Pattern.compile("class=\"cell (ok|bad)\"");
  private final Path dir = Path.of("target", "explorer-browser-test-" + ProcessHandle.current().pid()).toAbsolutePath();
  private final Path screenshots = Path.of("target", "explorer-screenshots").toAbsolutePath();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    LocalProcess.destroyAll(processes);
  }

  @Test
  void theExplorerShowsTheNetworkAndABlobsSliversTurnRedWhenANodeDies() throws Exception {
    HeadlessChromium.require();
    Process local = LocalProcess.start(dir, "--nodes", "4", "--shards", "100", "--epoch-duration", "10m",
        "--daemon-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--portal-address", "127.0.0.1:0",
        "--explorer-address", "127.0.0.1:0", "--node-heap", "320m", "--no-challenges");
    processes.add(local);
    LocalState state = LocalProcess.awaitState(local, dir);
    URI explorer = URI.create(state.explorerUrl());

    String network = HeadlessChromium.dumpDom(explorer, dir);
    assertThat(network).contains("<span id=\"committee-size\">4</span>").containsPattern("<span id=\"epoch\">\\d+</span>")
        .contains("role=\"progressbar\"");
    HeadlessChromium.screenshot(explorer, screenshots.resolve("network.png"), dir);

    String blobId = store(URI.create(state.daemonUrl()));
    URI blobPage = explorer.resolve("/blob/" + blobId);
    String blob = HeadlessChromium.dumpDom(blobPage, dir);
    assertThat(blob).contains("<span id=\"blob-status\" class=\"ok\">certified</span>");
    assertThat(cells(blob, "ok")).isEqualTo(100);
    assertThat(cells(blob, "bad")).isZero();
    HeadlessChromium.screenshot(blobPage, screenshots.resolve("blob.png"), dir);
    // The events page over plain HTTP: Chromium's --dump-dom waits for every open request, and the
    // page's live feed stays open (minutes), so the browser cannot be asked for it.
    assertThat(get(explorer.resolve("/events?type=BlobCertified")).body()).contains("<td>BlobCertified</td>")
        .contains(blobId).contains("/static/events.js");

    LocalState.Node victim = state.nodes().getFirst();
    ProcessHandle node = ProcessHandle.of(victim.pid()).orElseThrow();
    node.destroyForcibly();
    node.onExit().get();
    String after = HeadlessChromium.dumpDom(blobPage, dir);
    assertThat(cells(after, "bad")).isEqualTo(victim.shards().size());
    assertThat(cells(after, "ok")).isEqualTo(100 - victim.shards().size());
    HeadlessChromium.screenshot(blobPage, screenshots.resolve("blob-node-down.png"), dir);
    HeadlessChromium.screenshot(explorer.resolve("/nodes"), screenshots.resolve("nodes-node-down.png"), dir);

    // The pages are rendered on the server, so plain HTTP sees what the browser shows.
    assertThat(get(explorer.resolve("/nodes")).body()).contains(victim.name()).contains("class=\"bad\">down");
    JsonNode holders = JSON.readTree(get(explorer.resolve("/api/blob/" + blobId)).body()).path("holders");
    assertThat(holders).hasSize(4);
    assertThat(holders.valueStream().filter(h -> !h.path("serves").asBoolean()).map(h -> h.path("nodeId").asString()))
        .containsExactly(victim.nodeId());
  }

  private static HttpResponse<String> get(URI url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return r;
  }

  /** Stores 64 KiB of random bytes through the daemon; its blob ID. */
  private static String store(URI daemon) throws Exception {
    byte[] data = new byte[64 << 10];
    new Random(15).nextBytes(data);
    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        daemon.resolve("/v1/blobs?epochs=2")).PUT(HttpRequest.BodyPublishers.ofByteArray(data))
        .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(put.body());
    JsonNode created = result.path("newlyCreated").path("blobObject");
    String id = created.isMissingNode() ? result.path("alreadyCertified").path("blobId").asString()
        : created.path("blobId").asString();
    assertThat(id).isNotBlank();
    return id;
  }

  private static long cells(String dom, String colour) {
    Matcher m = CELL.matcher(dom);
    long n = 0;
    while (m.find()) {
      if (m.group(1).equals(colour)) {
        n++;
      }
    }
    return n;
  }
}
