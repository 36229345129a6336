package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.local.LocalProcess;
import dev.walrus.local.LocalState;
import dev.walrus.local.NodeHttps;
import dev.walrus.node.config.KeyFiles;
import dev.walrus.local.TestBlobs;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code walrus local} as a user runs it: a separate process that starts the ledger, node
 * processes and the daemon, then curl-like HTTP requests and CLI verbs against it — round trips
 * of 0 B to 64 MiB, deletion, expiry, bad input, a node killed and restarted, uploads across epoch
 * changes, Ctrl-C (SIGTERM) and a second run that resumes the network with its data.
 */
class WalrusLocalTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Kept under target/ so the logs can be read when it fails. */
  private final Path dir = Path.of("target", "walrus-local-test-" + ProcessHandle.current().pid()).toAbsolutePath();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    LocalProcess.destroyAll(processes);
  }

  @Test
  void aLocalNetworkServesCurlAndTheCliSurvivesFaultsAndResumes() throws Exception {
    Process local = startLocal();
    LocalState state = awaitState(local);
    String daemon = state.daemonUrl();
    assertThat(state.nodes()).hasSize(4).allSatisfy(n -> {
      assertThat(n.pid()).isNotNull();
      assertThat(n.nodeId()).startsWith("0x");
      assertThat(n.shards()).isNotEmpty();
    });

    // The Walrus Sites portal runs beside the daemon: its landing page says how to reach a site.
    HttpResponse<byte[]> landing = get(state.portalUrl() + "/");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(new String(landing.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("walrus site convert");

    // curl -X PUT "$PUBLISHER/v1/blobs?epochs=50" --upload-file f; curl "$AGGREGATOR/v1/blobs/$ID"
    Map<String, byte[]> stored = new LinkedHashMap<>();
    for (int size : new int[] {0, 1, 1 << 20, 64 << 20}) {
      byte[] data = TestBlobs.random(size, size);
      String blobId = put(daemon, "epochs=50", data).path("newlyCreated").path("blobObject").path("blobId").asString();
      assertThat(get(daemon + "/v1/blobs/" + blobId).body()).as("%d bytes", size).isEqualTo(data);
      stored.put(blobId, data);
    }

    // Paid for one epoch: once it is over, reads answer not found.
    JsonNode shortLived = put(daemon, "epochs=1", TestBlobs.random(3000, 3)).path("newlyCreated").path("blobObject");
    int shortLivedEnd = shortLived.path("storage").path("endEpoch").asInt();

    // The CLI with the client configuration walrus local wrote.
    Path file = dir.resolve("cli-file.bin");
    Files.write(file, TestBlobs.random(300_000, 7));
    CliRun store = CliRun.run("store", file.toString(), "--epochs", "50", "--config", state.clientConfig(), "--json");
    assertThat(store.exitCode()).as(store.err()).isZero();
    String cliBlob = JSON.readTree(store.out()).get(0).path("blobStoreResult").path("newlyCreated").path("blobObject")
        .path("blobId").asString();
    Path copy = dir.resolve("cli-copy.bin");
    CliRun read = CliRun.run("read", cliBlob, "--out", copy.toString(), "--config", state.clientConfig());
    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(file));

    // A deletable blob, deleted: reads answer not found.
    JsonNode deletable = put(daemon, "epochs=50&deletable=true", TestBlobs.random(5000, 5)).path("newlyCreated")
        .path("blobObject");
    CliRun delete = CliRun.run("delete", "--object-id", deletable.path("id").asString(), "--yes", "--config",
        state.clientConfig());
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(get(daemon + "/v1/blobs/" + deletable.path("blobId").asString()).statusCode()).isEqualTo(404);

    // Bad input gets the documented errors.
    assertThat(get(daemon + "/v1/blobs/" + "A".repeat(43)).statusCode()).as("unknown blob").isEqualTo(404);
    assertThat(get(daemon + "/v1/blobs/not-a-blob-id").statusCode()).as("malformed ID").isEqualTo(400);
    assertThat(get(daemon + "/v1/blobs/" + cliBlob + "?colour=blue").statusCode()).as("unknown parameter").isEqualTo(400);
    assertThat(send(HttpRequest.newBuilder(URI.create(daemon + "/v1/blobs?epochs=1&permanent=true&deletable=true"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build()).statusCode()).isEqualTo(400);

    // f nodes killed (one node of four holds at most f shards): stores and reads go on.
    LocalState.Node victim = state.nodes().get(1);
    assertThat(victim.shards().size()).isLessThanOrEqualTo((state.nShards() - 1) / 3);
    ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
    byte[] whileDown = TestBlobs.random(200_000, 11);
    String downId = put(daemon, "epochs=50", whileDown).path("newlyCreated").path("blobObject").path("blobId").asString();
    stored.put(downId, whileDown);
    for (Map.Entry<String, byte[]> e : stored.entrySet()) {
      assertThat(get(daemon + "/v1/blobs/" + e.getKey()).body()).isEqualTo(e.getValue());
    }
    // Restarted by hand (as an operator would): it catches up and reads keep working.
    Process restarted = startNode(Path.of(victim.config()));
    String victimUrl = NodeHttps.url(victim.address(),
        KeyFiles.readNetworkKey(Path.of(victim.networkKey())).publicKeyBytes());
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> NodeHttps.CLIENT.send(
        HttpRequest.newBuilder(URI.create(victimUrl + "/v1/health")).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode() == 200);
    assertThat(get(daemon + "/v1/blobs/" + downId).body()).isEqualTo(whileDown);

    // Uploads across epoch changes (30 s epochs): every one succeeds and reads back.
    int epochBefore = epoch(state);
    long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    for (int i = 0; System.nanoTime() < until || epoch(state) == epochBefore; i++) {
      byte[] data = TestBlobs.random(20_000 + i, 100 + i);
      String id = put(daemon, "epochs=50", data).path("newlyCreated").path("blobObject").path("blobId").asString();
      stored.put(id, data);
    }
    assertThat(epoch(state)).isGreaterThan(epochBefore);
    for (Map.Entry<String, byte[]> e : stored.entrySet()) {
      assertThat(get(daemon + "/v1/blobs/" + e.getKey()).body()).isEqualTo(e.getValue());
    }

    await().atMost(Duration.ofSeconds(90)).until(() -> epoch(state) >= shortLivedEnd);
    assertThat(get(daemon + "/v1/blobs/" + shortLived.path("blobId").asString()).statusCode()).as("expired")
        .isEqualTo(404);

    // Ctrl-C (SIGTERM) stops everything the local process started, and says so in the state file.
    restarted.destroy();
    assertThat(restarted.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    local.destroy();
    assertThat(local.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    LocalState after = LocalState.read(dir.resolve("net")).orElseThrow();
    assertThat(after.pid()).isNull();
    for (LocalState.Node n : state.nodes()) {
      assertThat(ProcessHandle.of(n.pid()).map(ProcessHandle::isAlive).orElse(false)).as(n.name()).isFalse();
    }

    // A second run resumes the same network: same nodes, same data.
    Process again = startLocal();
    LocalState resumed = awaitState(again);
    assertThat(resumed.nodes()).extracting(LocalState.Node::nodeId)
        .containsExactlyElementsOf(state.nodes().stream().map(LocalState.Node::nodeId).toList());
    for (Map.Entry<String, byte[]> e : stored.entrySet()) {
      assertThat(get(resumed.daemonUrl() + "/v1/blobs/" + e.getKey()).body()).isEqualTo(e.getValue());
    }
    again.destroy();
    assertThat(again.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  private Process startLocal() throws IOException {
    Process p = LocalProcess.start(dir, "--nodes", "4", "--shards", "100", "--epoch-duration", "30s",
        "--daemon-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--portal-address", "127.0.0.1:0",
        "--explorer-address", "127.0.0.1:0",
        "--node-heap", "320m",
        // Challenge windows black out reads of challenged blobs for 6 s of these 30 s epochs;
        // this test reads across epochs at any moment (the challenge tests cover the cycle).
        "--no-challenges");
    processes.add(p);
    return p;
  }

  private Process startNode(Path config) throws IOException {
    Process p = new ProcessBuilder(java(), "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx320m", "-cp", System.getProperty("java.class.path"), "dev.walrus.node.NodeMain", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(config.resolveSibling("node.log").toFile())).start();
    processes.add(p);
    return p;
  }

  private LocalState awaitState(Process local) {
    return LocalProcess.awaitState(local, dir);
  }

  private static int epoch(LocalState state) {
    try (LedgerClient ledger = LedgerClient.of(state.ledgerUrl())) {
      return ledger.system().epochInfo().currentEpoch();
    }
  }

  private JsonNode put(String daemon, String query, byte[] data) throws Exception {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(daemon + "/v1/blobs?" + query))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).timeout(Duration.ofMinutes(3)).build());
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build());
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
