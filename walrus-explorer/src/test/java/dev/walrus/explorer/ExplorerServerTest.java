package dev.walrus.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.api.AccountView;
import dev.walrus.ledger.api.BlobObjectsView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.StakingView;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The explorer against a fake ledger API (canned answers, a scripted event stream) and storage
 * nodes that do not listen: every page as HTML and JSON, the error pages, escaping of what the
 * ledger says, and the live feed.
 */
class ExplorerServerTest {
  private static final String EVIL = "<script>alert('pwned')</script>";
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final ObjectId nodeA = ObjectId.of(bytes(1));
  private final ObjectId nodeB = ObjectId.of(bytes(2));
  private final Address faucet = Address.of(bytes(3));
  private final Address owner = Address.of(bytes(4));
  private final ObjectId blobObject = ObjectId.of(bytes(5));
  private final BlobId blobId = BlobId.of(bytes(6));
  private FakeLedger ledger;
  private LedgerClient client;
  private ExplorerServer explorer;

  @BeforeEach
  void start() throws Exception {
    ledger = new FakeLedger();
    populate();
    client = LedgerClient.builder(List.of(ledger.uri())).requestTimeout(Duration.ofSeconds(5)).build();
    explorer = ExplorerServer.start(ExplorerSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
        Optional.of(URI.create("http://127.0.0.1:9/"))).withNodeTimeout(Duration.ofSeconds(1)), client);
  }

  @AfterEach
  void stop() {
    explorer.close();
    client.close();
    ledger.close();
  }

  @Test
  void theNetworkPageShowsEpochCommitteeSupplyAndItsJsonTwinTheSameFigures() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<span id=\"epoch\">7</span>").contains("<span id=\"committee-size\">2</span>")
        .contains("role=\"progressbar\"").contains("Staked with storage nodes").contains("3 000 WAL");
    JsonNode json = LedgerJson.mapper().readTree(get("/api/").body());
    assertThat(json.path("epoch").path("currentEpoch").asInt()).isEqualTo(7);
    assertThat(json.path("storage").path("nNodes").asInt()).isEqualTo(2);
    assertThat(json.path("supply").path("staked").asLong()).isEqualTo(3_000 * Units.FROST_PER_WAL);
    assertThat(json.path("supply").path("faucet").asLong()).isEqualTo(1_000_000 * Units.FROST_PER_WAL);
    ObjectNode twin = (ObjectNode) LedgerJson.mapper().readTree(get("/?format=json").body());
    twin.remove("nowMs");
    ((ObjectNode) json).remove("nowMs");
    assertThat(twin).isEqualTo(json);
  }

  @Test
  void blobsStoredAreCountedFromTheEventStream() throws Exception {
    ledger.event(new EventEnvelope(0, 1, 1_000, new byte[32],
        new LedgerEvent.BlobRegistered(7, blobId, 4096, 1, 10, false, blobObject)));
    ledger.event(new EventEnvelope(1, 2, 2_000, new byte[32],
        new LedgerEvent.BlobCertified(7, blobId, 10, false, blobObject, false)));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode blobs = LedgerJson.mapper().readTree(get("/api/").body()).path("blobs");
      assertThat(blobs.path("stored").asLong()).isEqualTo(1);
      assertThat(blobs.path("bytes").asLong()).isEqualTo(4096);
    });
    HttpResponse<String> events = get("/events?type=BlobCertified");
    assertThat(events.body()).contains("BlobCertified").doesNotContain("<td>BlobRegistered</td>");
  }

  @Test
  void nodeNamesWithMarkupAreShownAsTextAndUnreachableNodesAsDown() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> page = get("/nodes");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain(EVIL).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;")
        .contains("class=\"bad\">down").contains("class=\"cell\"");
    JsonNode json = LedgerJson.mapper().readTree(get("/api/nodes").body());
    assertThat(json.path("nodes").get(0).path("name").asString()).isEqualTo(EVIL);
    assertThat(json.path("nodes").get(0).path("healthy").asBoolean()).isFalse();
    assertThat(json.path("shardOwners")).hasSize(4);

    HttpResponse<String> node = get("/node/" + nodeA);
    assertThat(node.statusCode()).isEqualTo(200);
    assertThat(node.body()).doesNotContain(EVIL).contains("&lt;script&gt;").contains("0-1")
        .contains("runs no storage challenges");
  }

  @Test
  void theBlobPageShowsTheLedgerFactsAndEveryPairRedWhenNoNodeAnswers() throws Exception {
    HttpResponse<String> page = get("/blob/" + blobId);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<span id=\"blob-status\" class=\"ok\">certified</span>")
        .contains("permanent").contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>")
        .contains("href=\"http://127.0.0.1:9/v1/blobs/" + blobId + "\"");
    assertThat(page.body().split("class=\"cell bad\"", -1)).hasSize(5);
    JsonNode json = LedgerJson.mapper().readTree(get("/api/blob/" + blobId).body());
    assertThat(json.path("size").asLong()).isEqualTo(4096);
    assertThat(json.path("encodedSize").isNumber()).isTrue();
    assertThat(json.path("holders").get(0).path("serves").asBoolean()).isFalse();
    assertThat(json.path("objects").get(0).path("attributes").path("title").asString()).isEqualTo("<b>x</b>");
  }

  @Test
  void theAccountPageListsBalanceAndBlobObjects() throws Exception {
    HttpResponse<String> page = get("/account/" + owner);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<span id=\"balance\">12.5 WAL</span>").contains(blobObject.toString());
  }

  @Test
  void badIdsUnknownObjectsAndUnknownPagesGetClearPagesWithTheirStatus() throws Exception {
    HttpResponse<String> bad = get("/blob/not-a-blob-id");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("is not a blob ID").doesNotContain("Exception").doesNotContain("at dev.walrus");
    HttpResponse<String> evil = get("/blob/%3Cscript%3E");
    assertThat(evil.statusCode()).isEqualTo(400);
    assertThat(evil.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(get("/blob/" + BlobId.of(bytes(9))).statusCode()).isEqualTo(404);
    assertThat(get("/node/" + ObjectId.of(bytes(9))).statusCode()).isEqualTo(404);
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(get("/events?type=Nope").statusCode()).isEqualTo(400);
    HttpResponse<String> json = get("/api/blob/not-a-blob-id");
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(LedgerJson.mapper().readTree(json.body()).path("error").path("code").asInt()).isEqualTo(400);
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(explorer.uri().resolve("/nodes"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void aLedgerThatIsDownGivesA503Page() throws Exception {
    ledger.close();
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("The ledger cannot be reached").doesNotContain("at dev.walrus");
  }

  @Test
  void searchLeadsToTheRightPage() throws Exception {
    assertThat(get("/search?q=" + blobId).headers().firstValue("Location")).hasValue("/blob/" + blobId);
    assertThat(get("/search?q=" + blobObject).headers().firstValue("Location")).hasValue("/blob/" + blobId);
    assertThat(get("/search?q=" + nodeA).headers().firstValue("Location")).hasValue("/node/" + nodeA);
    assertThat(get("/search?q=" + owner).headers().firstValue("Location")).hasValue("/account/" + owner);
    assertThat(get("/search?q=%20" + blobId + "%20").statusCode()).isEqualTo(303);
    assertThat(get("/search?q=hello").statusCode()).isEqualTo(400);
    assertThat(get("/search?q=").statusCode()).isEqualTo(400);
  }

  @Test
  void theLiveFeedStreamsNewEventsAsServerSentEvents() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(explorer.uri().resolve("/events/stream?after=-1")).build();
    var response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/event-stream"));
    ledger.event(new EventEnvelope(0, 1, 1_000, new byte[32], new LedgerEvent.EpochChangeStart(8)));
    String data = response.body().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
    JsonNode event = LedgerJson.mapper().readTree(data.substring(6));
    assertThat(event.path("type").asString()).isEqualTo("EpochChangeStart");
    assertThat(event.path("sequence").asLong()).isZero();
  }

  @Test
  void staticFilesAndMetricsAreServed() throws Exception {
    assertThat(get("/static/explorer.css").statusCode()).isEqualTo(200);
    assertThat(get("/static/events.js").body()).contains("EventSource").doesNotContain("innerHTML =");
    assertThat(get("/static/../pom.xml").statusCode()).isIn(400, 404);
    get("/nodes");
    assertThat(get("/metrics").body()).contains("walrus_explorer_http_requests");
    HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(explorer.uri().resolve("/events"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(explorer.uri().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void populate() throws IOException {
    long wal = Units.FROST_PER_WAL;
    ledger.put("/v1/system", new SystemInfoView("testnet", new byte[32], 42, System.currentTimeMillis(),
        new SystemInfoView.EpochInfo(7, "EpochChangeDone", System.currentTimeMillis() - 60_000, null,
            System.currentTimeMillis() + 60_000, 120_000, 120_000, 0, 53),
        new SystemInfoView.StorageInfo(4, 2, 1L << 30, 1L << 20), new SystemInfoView.SizeInfo(1 << 20, 1000L),
        new SystemInfoView.PriceInfo(100, 20), new SystemInfoView.LedgerInfo(0, true, 100 * wal, wal)));
    ledger.put("/v1/status", new StatusView("r0", "r0", "LEADER", "testnet", new byte[32], 42, 0, new byte[32],
        new byte[32], 0, 42));
    ledger.put("/v1/genesis", new GenesisConfig("testnet", 0, 4, 120_000, 120_000, 53, 10, 0, true, 100 * wal,
        faucet, new TreeMap<>()));
    ledger.put("/v1/accounts/" + faucet, new AccountView(faucet, 1_000_000 * wal, 0, List.of()));
    ledger.put("/v1/staking", new StakingView(7, "EpochChangeDone", null, null, null, 3_000 * wal, List.of(
        new StakingView.Pool(nodeA, EVIL, "127.0.0.1:" + closedPort(), new byte[33], 500, 2_000 * wal, 2_000 * wal, true, true, 1L << 40),
        new StakingView.Pool(nodeB, "node-b", "127.0.0.1:" + closedPort(), new byte[33], 0, 1_000 * wal, 1_000 * wal, true, true, 1L << 40))));
    ledger.put("/v1/committee", new CommitteeView(7, 4, List.of(
        member(nodeA, EVIL, List.of(0, 1), 2_000 * wal), member(nodeB, "node-b", List.of(2, 3), 1_000 * wal))));
    ledger.put("/v1/staking/pools/" + nodeA, pool(nodeA, EVIL));
    ledger.put("/v1/staking/pools/" + nodeB, pool(nodeB, "node-b"));
    ObjectNode blob = LedgerJson.mapper().createObjectNode();
    blob.put("blobId", blobId.toString()).put("registeredEpoch", 6).put("size", 4096).put("certifiedEpoch", 6)
        .put("deletable", false);
    blob.putObject("storage").put("startEpoch", 6).put("endEpoch", 10).put("size", 1 << 20);
    blob.putObject("attributes").put("title", "<b>x</b>");
    ObjectView object = new ObjectView(blobObject, "BlobObject", owner, blob);
    ledger.put("/v1/blobs/" + blobId, new BlobObjectsView(blobId, List.of(object)));
    ledger.put("/v1/objects/" + blobObject, object);
    ledger.put("/v1/blobs/" + BlobId.of(bytes(9)), new BlobObjectsView(BlobId.of(bytes(9)), List.of()));
    ledger.put("/v1/accounts/" + owner, new AccountView(owner, 12 * wal + wal / 2, 3, List.of(object)));
  }

  private CommitteeView.Member member(ObjectId id, String name, List<Integer> shards, long stake) throws IOException {
    return new CommitteeView.Member(id, BlsKeyPair.generate().publicKey(), shards, shards.size(), name,
        "127.0.0.1:" + closedPort(), NetworkKeyPair.generate().publicKeyBytes(), stake);
  }

  private static JsonNode pool(ObjectId id, String name) {
    ObjectNode root = LedgerJson.mapper().createObjectNode();
    ObjectNode pool = root.putObject("pool");
    pool.put("nodeId", id.toString()).put("activationEpoch", 1);
    pool.putObject("info").put("name", name).put("networkAddress", "127.0.0.1:1");
    pool.putObject("votes").put("storagePrice", 100).put("writePrice", 20).put("nodeCapacity", 1L << 30);
    pool.putObject("commission").put("rate", 500);
    root.put("stake", 2_000 * Units.FROST_PER_WAL).put("nextStake", 2_000 * Units.FROST_PER_WAL);
    return root;
  }

  /** A port nothing listens on (bound and released): connecting to it is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

}
