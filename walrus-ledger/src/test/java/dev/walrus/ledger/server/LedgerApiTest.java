package dev.walrus.ledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519Signature;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.CostQuoteView;
import dev.walrus.ledger.api.ErrorResponse;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.ReplicaFixtures;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The HTTP API's answers, good and bad, against one embedded replica. */
class LedgerApiTest {
  @TempDir static Path dir;
  static LedgerReplica replica;
  static LedgerClient client;
  static String base;
  static final GenesisConfig GENESIS = ReplicaFixtures.genesis(3);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  final Ed25519KeyPair alice = ReplicaFixtures.key(0);
  final Ed25519KeyPair bob = ReplicaFixtures.key(1);

  @BeforeAll
  static void start() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    replica = LedgerReplica.start(ReplicaFixtures.config(dir, "r1", peers, dir.resolve("genesis.yaml"),
        new ReplicaConfig.RaftConfig(300, 600, 0, 0, 0)), GENESIS);
    base = peers.get(0).apiUrl();
    client = LedgerClient.of(base);
  }

  @AfterAll
  static void stop() {
    client.close();
    replica.close();
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Checks the AIP-193 shape and returns the reason. */
  static String errorReason(HttpResponse<String> r, int code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
    ErrorResponse e = LedgerJson.mapper().readValue(r.body(), ErrorResponse.class);
    assertThat(e.error().code()).isEqualTo(code);
    assertThat(e.error().status()).matches("[A-Z_]+");
    assertThat(e.error().message()).isNotBlank();
    assertThat(e.error().details()).singleElement().satisfies(d -> {
      assertThat(d.type()).isEqualTo("ErrorInfo");
      assertThat(d.domain()).isEqualTo(ErrorResponse.DOMAIN);
    });
    return e.reason();
  }

  SignedTransaction transfer(Ed25519KeyPair from, long sequence) {
    return new Transaction(GENESIS.digest(), from.publicKey(), sequence, 0,
        new Operation.Transfer(bob.publicKey().toAddress(), 3)).sign(from);
  }

  @Test
  void malformedOversizedAndMistypedBodiesAreRefused() throws Exception {
    assertThat(errorReason(post("/v1/transactions", new byte[] {1, 2, 3}, null), 400)).isEqualTo("MALFORMED_TRANSACTION");
    assertThat(errorReason(post("/v1/transactions", new byte[0], "application/octet-stream"), 400))
        .isEqualTo("MALFORMED_TRANSACTION");
    assertThat(errorReason(post("/v1/transactions", new byte[70_000], null), 413)).isEqualTo("BODY_TOO_LARGE");
    assertThat(errorReason(post("/v1/transactions", "{}".getBytes(), "application/json"), 415))
        .isEqualTo("UNSUPPORTED_CONTENT_TYPE");
    byte[] good = transfer(alice, 0).toBcs();
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertThat(errorReason(post("/v1/transactions", trailing, null), 400)).isEqualTo("MALFORMED_TRANSACTION");
    assertThat(errorReason(post("/v1/transactions?timeoutMs=0", good, null), 400)).isEqualTo("INVALID_TIMEOUTMS");
  }

  @Test
  void signatureNetworkAndSequenceAreCheckedBeforeOrdering() throws Exception {
    SignedTransaction ok = transfer(bob, client.account(bob.publicKey().toAddress()).nextSequence());
    SignedTransaction forged = new SignedTransaction(ok.transaction(), Ed25519Signature.fromBytes(new byte[64]));
    assertThat(errorReason(post("/v1/transactions", forged.toBcs(), null), 400)).isEqualTo("INVALID_SIGNATURE");
    SignedTransaction otherNet = new Transaction(new byte[32], bob.publicKey(), 0, 0,
        new Operation.Transfer(alice.publicKey().toAddress(), 1)).sign(bob);
    assertThat(errorReason(post("/v1/transactions", otherNet.toBcs(), null), 400)).isEqualTo("WRONG_NETWORK");

    HttpResponse<String> first = post("/v1/transactions", ok.toBcs(), "application/octet-stream");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    TransactionEffects effects = LedgerJson.mapper().readValue(first.body(), TransactionEffects.class);
    assertThat(effects.status()).isEqualTo(TransactionEffects.Status.SUCCESS);
    // The same transaction again: its effects, not a rejection (submission is idempotent).
    HttpResponse<String> again = post("/v1/transactions", ok.toBcs(), null);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(LedgerJson.mapper().readValue(again.body(), TransactionEffects.class).height()).isEqualTo(effects.height());
    // Another transaction with the used sequence number can never execute.
    SignedTransaction stale = new Transaction(GENESIS.digest(), bob.publicKey(), ok.transaction().sequence(), 0,
        new Operation.Transfer(alice.publicKey().toAddress(), 99)).sign(bob);
    assertThat(errorReason(post("/v1/transactions", stale.toBcs(), null), 400)).isEqualTo("STALE_SEQUENCE");
    String hex = java.util.HexFormat.of().formatHex(effects.digest());
    assertThat(get("/v1/transactions/" + hex).statusCode()).isEqualTo(200);
    assertThat(errorReason(get("/v1/transactions/" + "ab".repeat(32)), 404)).isEqualTo("TRANSACTION_NOT_FOUND");
    assertThat(errorReason(get("/v1/transactions/xyz"), 400)).isEqualTo("INVALID_DIGEST");
  }

  @Test
  void badPathsParametersAndIdsGetTypedErrors() throws Exception {
    assertThat(errorReason(get("/v1/status?verbose=true"), 400)).isEqualTo("UNKNOWN_QUERY_PARAMETER");
    assertThat(errorReason(get("/v1/nothing"), 404)).isEqualTo("UNKNOWN_PATH");
    assertThat(errorReason(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/status")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()), 405)).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(errorReason(get("/v1/objects/0x" + "00".repeat(32)), 404)).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(errorReason(get("/v1/objects/0x12"), 400)).isEqualTo("INVALID_OBJECT_ID");
    assertThat(errorReason(get("/v1/accounts/alice"), 400)).isEqualTo("INVALID_ADDRESS");
    assertThat(errorReason(get("/v1/accounts/" + alice.publicKey().toAddress() + "?objects=maybe"), 400))
        .isEqualTo("INVALID_OBJECTS");
    assertThat(errorReason(get("/v1/blobs/not-a-blob-id"), 400)).isEqualTo("INVALID_BLOB_ID");
    assertThat(errorReason(get("/v1/cost?size=10"), 400)).isEqualTo("MISSING_PARAMETER");
    assertThat(errorReason(get("/v1/cost?size=10&epochs=0"), 400)).isEqualTo("INVALID_EPOCHS");
    assertThat(errorReason(get("/v1/events?cursor=-1"), 400)).isEqualTo("INVALID_CURSOR");
    assertThat(errorReason(get("/v1/events?cursor=abc"), 400)).isEqualTo("INVALID_CURSOR");
    assertThat(errorReason(get("/v1/events?cursor=1&cursor=2"), 400)).isEqualTo("REPEATED_QUERY_PARAMETER");
    assertThat(errorReason(get("/v1/events?cursor=999999999"), 400)).isEqualTo("CURSOR_BEYOND_HEAD");
    assertThat(errorReason(get("/v1/events?limit=5000"), 400)).isEqualTo("INVALID_LIMIT");
    assertThat(errorReason(get("/v1/events/stream", "Last-Event-ID", "yesterday"), 400)).isEqualTo("INVALID_LAST_EVENT_ID");
  }

  @Test
  void readsDescribeTheNetwork() throws Exception {
    SystemInfoView system = client.system();
    assertThat(system.storageInfo().nShards()).isEqualTo(10);
    assertThat(system.sizeInfo().storageUnitSize()).isEqualTo(1 << 20);
    assertThat(system.ledgerInfo().faucetEnabled()).isTrue();
    CostQuoteView quote = client.cost(1, 1);
    // ledger.md §2.1: N=10, L=1 → 6 940 encoded bytes, one unit.
    assertThat(quote.encodedSize()).isEqualTo(6940);
    assertThat(quote.storageUnits()).isEqualTo(1);
    assertThat(client.genesis()).isEqualTo(GENESIS);
    // Empty, unless the staking test's node has been registered and an epoch has started since.
    assertThat(client.committee().members()).allSatisfy(m -> assertThat(m.name()).isEqualTo("api-node"));

    JsonNode api = LedgerJson.mapper().readTree(get("/v1/api").body());
    assertThat(api.get("openapi").asString()).startsWith("3.");
    for (String path : List.of("/v1/transactions", "/v1/status", "/v1/system", "/v1/committee", "/v1/staking",
        "/v1/staking/pools/{nodeId}", "/v1/staking/staked-wal/{id}", "/v1/accounts/{address}",
        "/v1/objects/{id}", "/v1/blobs/{blobId}", "/v1/cost", "/v1/events", "/v1/events/stream", "/metrics")) {
      assertThat(api.get("paths").has(path)).as(path).isTrue();
    }
    assertThat(get("/metrics").body()).contains("ledger_height").contains("ledger_http_requests_seconds");
  }

  @Test
  void stakingPoolsAndStakeQuotesAreReadable() throws Exception {
    Ed25519KeyPair carol = ReplicaFixtures.key(2);
    dev.walrus.core.crypto.BlsKeyPair bls = dev.walrus.core.crypto.BlsKeyPair.of(
        dev.walrus.core.crypto.BlsPrivateKey.fromSeed(new byte[32]));
    byte[] networkKey = new byte[33];
    networkKey[0] = 2;
    var registered = client.execute(carol, new dev.walrus.ledger.api.Operation.RegisterCandidate("api-node",
        "127.0.0.1:9185", bls.publicKey(), networkKey, dev.walrus.core.messages.ProofOfPossession.create(
            bls, client.system().epochInfo().currentEpoch(), carol.publicKey().toAddress()),
        500, 1000, 100, 1L << 30));
    assertThat(registered.succeeded()).as(String.valueOf(registered.abort())).isTrue();
    String nodeId = registered.created().get(0).toString();
    var staked = client.execute(carol, new dev.walrus.ledger.api.Operation.StakeWithPool(
        registered.created().get(0), 2 * ReplicaFixtures.WAL));
    assertThat(staked.succeeded()).isTrue();

    JsonNode staking = LedgerJson.mapper().readTree(get("/v1/staking").body());
    JsonNode pool = null;
    for (JsonNode p : staking.get("pools")) {
      if (p.get("nodeId").asString().equals(nodeId)) {
        pool = p;
      }
    }
    assertThat(pool).isNotNull();
    assertThat(pool.get("name").asString()).isEqualTo("api-node");
    assertThat(pool.get("commissionRate").asInt()).isEqualTo(500);
    assertThat(pool.get("inActiveSet").asBoolean()).isTrue();
    assertThat(staking.get("epochState").asString()).isIn("EpochChangeDone", "NextParamsSelected", "EpochChangeSync");

    HttpResponse<String> detail = get("/v1/staking/pools/" + nodeId);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body()).contains("api-node").contains("127.0.0.1:9185");
    assertThat(errorReason(get("/v1/staking/pools/0x" + "ab".repeat(32)), 404)).isEqualTo("POOL_NOT_FOUND");
    assertThat(errorReason(get("/v1/staking/pools/not-an-id"), 400)).isEqualTo("INVALID_OBJECT_ID");

    String stakedWal = staked.created().get(0).toString();
    JsonNode quote = LedgerJson.mapper().readTree(get("/v1/staking/staked-wal/" + stakedWal).body());
    assertThat(quote.get("principal").asLong()).isEqualTo(2 * ReplicaFixtures.WAL);
    assertThat(errorReason(get("/v1/staking/staked-wal/" + stakedWal + "?epoch=x"), 400)).isNotEmpty();
    assertThat(errorReason(get("/v1/staking/staked-wal/" + stakedWal + "?bogus=1"), 400)).isNotEmpty();
  }

  @Test
  void serverSentEventsResumeAfterLastEventId() throws Exception {
    long start = client.status().nextEventSequence();
    for (int i = 0; i < 4; i++) {
      client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 1));
    }
    List<Long> first = readIds("/v1/events/stream?cursor=" + start, null, 4);
    assertThat(first).containsExactly(start, start + 1, start + 2, start + 3);
    // A reconnect names the last event seen; Last-Event-ID wins over the URL's cursor.
    List<Long> resumed = readIds("/v1/events/stream?cursor=" + start, String.valueOf(start + 1), 2);
    assertThat(resumed).containsExactly(start + 2, start + 3);
  }

  private static List<Long> readIds(String path, String lastEventId, int count) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<Long> ids = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while (ids.size() < count && (line = in.readLine()) != null) {
        if (line.startsWith("id: ")) {
          ids.add(Long.parseLong(line.substring(4)));
        }
      }
    }
    return ids;
  }
}
