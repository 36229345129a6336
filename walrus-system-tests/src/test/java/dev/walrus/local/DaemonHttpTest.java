package dev.walrus.local;

import static dev.walrus.local.Http.json;
import static dev.walrus.local.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.daemon.DaemonServer;
import dev.walrus.daemon.DaemonSettings;
import dev.walrus.daemon.JwtSettings;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.client.LedgerClient;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP daemon against a local network (4 nodes in this JVM, 12 shards), driven over HTTP the
 * way Walrus's documentation drives a publisher and an aggregator with curl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonHttpTest {
  private static final byte[] JWT_SECRET = "a test secret of the publisher".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private Ed25519KeyPair wallet;
  private WalrusClient walrus;
  private DaemonServer daemon;
  private Http http;
  private Path blocklist;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 4, 12, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    wallet = network.fundedWallet(100_000);
    walrus = WalrusClient.builder().ledgerClient(ledger).wallet(wallet)
        .nodeRetries(3, Duration.ofMillis(100), Duration.ofMillis(500)).build();
    blocklist = dir.resolve("blocklist.txt");
    Files.writeString(blocklist, "[]\n");
    daemon = DaemonServer.start(settings().blocklist(blocklist).maxBodyBytes(2L << 20).build(), walrus, ledger, wallet);
    http = new Http(daemon.uri());
  }

  private static DaemonSettings.Builder settings() {
    return DaemonSettings.builder().bindAddress(new InetSocketAddress("127.0.0.1", 0))
        .metricsAddress(new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {http, daemon, walrus, ledger, network}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Stores {@code data} through the publisher and returns the BlobStoreResult. */
  private JsonNode store(String query, byte[] data) throws Exception {
    ContentResponse r = http.put("/v1/blobs" + query, data);
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    return json(r);
  }

  private static String blobIdOf(JsonNode result) {
    return result.has("newlyCreated") ? result.path("newlyCreated").path("blobObject").path("blobId").asString()
        : result.path("alreadyCertified").path("blobId").asString();
  }

  // ---- the curl examples ------------------------------------------------------------------------

  @Test
  void storeAndReadAsInTheDocs() throws Exception {
    byte[] data = "some string to store on Walrus\n".getBytes(StandardCharsets.UTF_8);
    JsonNode result = store("?epochs=5", data);
    JsonNode created = result.path("newlyCreated");
    JsonNode blob = created.path("blobObject");
    assertThat(blob.path("size").asLong()).isEqualTo(data.length);
    assertThat(blob.path("encodingType").asString()).isEqualTo("RS2");
    assertThat(blob.path("deletable").asBoolean()).isTrue();
    assertThat(blob.path("certifiedEpoch").isNumber()).isTrue();
    assertThat(blob.path("storage").path("endEpoch").asInt() - blob.path("storage").path("startEpoch").asInt())
        .isEqualTo(5);
    assertThat(created.path("resourceOperation").path("registerFromScratch").path("epochsAhead").asInt()).isEqualTo(5);
    assertThat(created.path("cost").asLong()).isPositive();
    ObjectId.parse(blob.path("id").asString());

    String id = blob.path("blobId").asString();
    ContentResponse read = http.get("/v1/blobs/" + id);
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(read.getContent()).isEqualTo(data);
    assertThat(read.getHeaders().get("ETag")).isEqualTo(id);
    assertThat(read.getHeaders().get("Cache-Control")).isEqualTo("public, max-age=86400, stale-while-revalidate=3600");
    assertThat(read.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(read.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(read.getHeaders().get("Access-Control-Allow-Origin")).isEqualTo("*");

    ContentResponse head = http.send(http.request("HEAD", "/v1/blobs/" + id));
    assertThat(head.getStatus()).isEqualTo(200);
    assertThat(head.getHeaders().getLongField("Content-Length")).isEqualTo(data.length);
    assertThat(head.getContent()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1 << 20})
  void roundTrips(int size) throws Exception {
    byte[] data = TestBlobs.random(size, 1000 + size);
    String id = blobIdOf(store("?epochs=2", data));
    ContentResponse read = http.get("/v1/blobs/" + id);
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(read.getContent()).isEqualTo(data);
    assertThat(read.getHeaders().getLongField("Content-Length")).isEqualTo(size);
    ContentResponse streamed = http.get("/v1alpha/blobs/" + id + "/stream");
    assertThat(streamed.getStatus()).isEqualTo(200);
    assertThat(streamed.getHeaders().get("x-walrus-streaming")).isEqualTo("true");
    assertThat(streamed.getContent()).isEqualTo(data);
  }

  @Test
  void aPermanentBlobStoredTwiceIsAlreadyCertified() throws Exception {
    byte[] data = TestBlobs.random(3000, 7);
    JsonNode first = store("?epochs=3&permanent=true", data);
    assertThat(first.path("newlyCreated").path("blobObject").path("deletable").asBoolean()).isFalse();
    JsonNode again = store("?epochs=2&permanent=true", data);
    JsonNode certified = again.path("alreadyCertified");
    assertThat(certified.path("blobId").asString()).isEqualTo(blobIdOf(first));
    assertThat(certified.path("event").path("txDigest").asString()).isNotEmpty();
    assertThat(certified.path("event").path("eventSeq").isString()).isTrue();
    assertThat(certified.path("endEpoch").asInt())
        .isEqualTo(first.path("newlyCreated").path("blobObject").path("storage").path("endEpoch").asInt());
  }

  @Test
  void readsContentTypeFromTheRequest() throws Exception {
    String id = blobIdOf(store("", TestBlobs.random(100, 11)));
    assertThat(http.send(http.request("GET", "/v1/blobs/" + id).headers(h -> h.put("Accept", "image/png")))
        .getHeaders().get("Content-Type")).isEqualTo("image/png");
    assertThat(http.send(http.request("GET", "/v1/blobs/" + id).headers(h -> h.put("Accept", "*/*")
        .put("Content-Type", "text/css"))).getHeaders().get("Content-Type")).isEqualTo("text/css");
  }

  // ---- byte ranges -----------------------------------------------------------------------------

  @Test
  void byteRanges() throws Exception {
    byte[] data = TestBlobs.random(100_000, 12);
    String id = blobIdOf(store("", data));
    ContentResponse partial = http.send(http.request("GET", "/v1/blobs/" + id).headers(h -> h.put("Range",
        "bytes=1000-60999")));
    assertThat(partial.getStatus()).isEqualTo(206);
    assertThat(partial.getHeaders().get("Content-Range")).isEqualTo("bytes 1000-60999/100000");
    assertThat(partial.getContent()).isEqualTo(Arrays.copyOfRange(data, 1000, 61_000));

    ContentResponse last = http.send(http.request("GET", "/v1/blobs/" + id).headers(h -> h.put("Range",
        "bytes=99999-99999")));
    assertThat(last.getStatus()).isEqualTo(206);
    assertThat(last.getContent()).containsExactly(data[99_999]);

    for (String bad : List.of("bytes=99990-100000", "bytes=-5", "bytes=5-", "bytes=0-1,4-5", "bytes=9-3", "lines=1-2")) {
      ContentResponse r = http.send(http.request("GET", "/v1/blobs/" + id).headers(h -> h.put("Range", bad)));
      assertThat(r.getStatus()).as(bad).isEqualTo(416);
      assertThat(reason(r)).isEqualTo("INVALID_BYTE_RANGE");
    }

    ContentResponse range = http.get("/v1/blobs/" + id + "/byte-range?start=5&length=70000");
    assertThat(range.getStatus()).isEqualTo(200);
    assertThat(range.getHeaders().get("ETag")).isEqualTo(id + "-5-70000");
    assertThat(range.getContent()).isEqualTo(Arrays.copyOfRange(data, 5, 70_005));
    for (String bad : List.of("start=0&length=0", "start=99999&length=2", "start=1&length=18446744073709551615")) {
      ContentResponse r = http.get("/v1/blobs/" + id + "/byte-range?" + bad);
      assertThat(r.getStatus()).as(bad).isEqualTo(400);
    }
    assertThat(reason(http.get("/v1/blobs/" + id + "/byte-range?start=0&length=0"))).isEqualTo("INVALID_BYTE_RANGE");
    assertThat(http.get("/v1/blobs/" + id + "/byte-range?start=1").getStatus()).isEqualTo(400);
  }

  // ---- objects, attributes, concat -------------------------------------------------------------

  @Test
  void readByObjectIdReturnsTheAllowedAttributesAsHeaders() throws Exception {
    byte[] data = TestBlobs.random(5000, 13);
    JsonNode blob = store("?epochs=2", data).path("newlyCreated").path("blobObject");
    ObjectId object = ObjectId.parse(blob.path("id").asString());
    for (Map.Entry<String, String> a : Map.of("content-type", "text/plain", "content-disposition",
        "attachment; filename=\"a.txt\"", "x-secret", "not allowed").entrySet()) {
      assertThat(ledger.execute(wallet, new Operation.SetBlobAttribute(object, a.getKey(), a.getValue())).succeeded())
          .isTrue();
    }
    ContentResponse r = http.get("/v1/blobs/by-object-id/" + object);
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContent()).isEqualTo(data);
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("text/plain");
    assertThat(r.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"a.txt\"");
    assertThat(r.getHeaders().get("x-secret")).isNull();
    assertThat(r.getHeaders().get("ETag")).isEqualTo(blob.path("blobId").asString());
    // A header the request already set is not overridden by the attribute.
    assertThat(http.send(http.request("GET", "/v1/blobs/by-object-id/" + object).headers(h -> h.put("Accept",
        "application/x-mine"))).getHeaders().get("Content-Type")).isEqualTo("application/x-mine");

    // A read by blob ID finds the type in the attribute too (the ledger knows the blob's objects).
    ContentResponse byId = http.get("/v1/blobs/" + blob.path("blobId").asString());
    assertThat(byId.getHeaders().get("Content-Type")).isEqualTo("text/plain");
    assertThat(byId.getHeaders().get("Content-Disposition")).isNull();

    ContentResponse missing = http.get("/v1/blobs/by-object-id/0x" + "ab".repeat(32));
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(reason(missing)).isEqualTo("BLOB_NOT_FOUND");
    assertThat(http.get("/v1/blobs/by-object-id/0x12").getStatus()).isEqualTo(400);
  }

  @Test
  void concatenatesBlobsByBlobAndObjectId() throws Exception {
    byte[] a = TestBlobs.random(4000, 21);
    byte[] b = TestBlobs.random(70_000, 22);
    String idA = blobIdOf(store("", a));
    String objectB = store("", b).path("newlyCreated").path("blobObject").path("id").asString();
    byte[] both = new byte[a.length + b.length + a.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    System.arraycopy(a, 0, both, a.length + b.length, a.length);

    String ids = idA + "," + objectB + "," + idA;
    ContentResponse r = http.get("/v1alpha/blobs/concat?ids=" + ids);
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContent()).isEqualTo(both);
    assertThat(r.getHeaders().get("ETag")).isEqualTo(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256").digest(ids.getBytes(StandardCharsets.UTF_8))));

    ContentResponse posted = http.send(http.request("POST", "/v1alpha/blobs/concat").body(new StringRequestContent(
        "application/json", "{\"ids\":[\"" + idA + "\",\"" + objectB + "\",\"" + idA + "\"]}")));
    assertThat(posted.getStatus()).isEqualTo(200);
    assertThat(posted.getContent()).isEqualTo(both);

    ContentResponse empty = http.get("/v1alpha/blobs/concat?ids=,");
    assertThat(empty.getStatus()).isEqualTo(400);
    assertThat(empty.getContentAsString()).isEqualTo("at least one blob ID or object ID must be provided");
    ContentResponse bad = http.get("/v1alpha/blobs/concat?ids=" + idA + ",nonsense");
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(reason(bad)).isEqualTo("INVALID_ID_FORMAT");
    ContentResponse unresolved = http.get("/v1alpha/blobs/concat?ids=0x" + "cd".repeat(32));
    assertThat(unresolved.getStatus()).isEqualTo(404);
    assertThat(reason(unresolved)).isEqualTo("OBJECT_ID_RESOLUTION_FAILED");
  }

  // ---- bad requests ----------------------------------------------------------------------------

  @Test
  void badRequestsGetWalrusErrors() throws Exception {
    ContentResponse unknownParam = http.get("/v1/blobs/" + BlobId.of(new byte[32]) + "?cachebust=1");
    assertThat(unknownParam.getStatus()).isEqualTo(400);
    assertThat(json(unknownParam).path("error").path("details").path(0).path("domain").asString())
        .isEqualTo("daemon.walrus.space");

    ContentResponse both = http.put("/v1/blobs?deletable=true&permanent=true", new byte[10]);
    assertThat(both.getStatus()).isEqualTo(400);
    assertThat(reason(both)).isEqualTo("INVALID_BLOB_PERSISTENCE");

    assertThat(http.put("/v1/blobs?epochs=two", new byte[10]).getStatus()).isEqualTo(400);
    assertThat(http.put("/v1/blobs?encoding_type=RaptorQ", new byte[10]).getStatus()).isEqualTo(400);

    // With 100-continue (as curl sends for large uploads) the client waits for the verdict
    // instead of sending a body that is refused.
    try (java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient()) {
      java.net.http.HttpResponse<String> tooLarge = jdk.send(java.net.http.HttpRequest.newBuilder(
          daemon.uri().resolve("/v1/blobs")).expectContinue(true)
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[(2 << 20) + 1])).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    ContentResponse unknownBlob = http.get("/v1/blobs/" + BlobId.of(TestBlobs.random(32, 99)));
    assertThat(unknownBlob.getStatus()).isEqualTo(404);
    assertThat(reason(unknownBlob)).isEqualTo("BLOB_NOT_FOUND");
    assertThat(json(unknownBlob).path("error").path("code").asInt()).isEqualTo(404);

    ContentResponse malformed = http.get("/v1/blobs/not-a-blob-id");
    assertThat(malformed.getStatus()).isEqualTo(400);
    assertThat(reason(malformed)).isEqualTo("INVALID_BLOB_ID");

    ContentResponse checks = http.get("/v1/blobs/" + BlobId.of(new byte[32])
        + "?strict_consistency_check=true&skip_consistency_check=true");
    assertThat(reason(checks)).isEqualTo("INVALID_CONSISTENCY_CHECK");
    assertThat(http.get("/v2/nothing").getStatus()).isEqualTo(404);
  }

  @Test
  void blocklistedBlobsAreRefusedOnceTheFileChanges() throws Exception {
    byte[] data = TestBlobs.random(2000, 31);
    String id = blobIdOf(store("", data));
    assertThat(http.get("/v1/blobs/" + id).getStatus()).isEqualTo(200);
    Files.writeString(blocklist, "# blocked blobs\n- " + id + "  # by order\n");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ContentResponse r;
    do {
      Thread.sleep(200);
      r = http.get("/v1/blobs/" + id);
    } while (r.getStatus() == 200 && System.nanoTime() < deadline);
    assertThat(r.getStatus()).isEqualTo(451);
    assertThat(reason(r)).isEqualTo("FORBIDDEN_BLOB");
    assertThat(http.get("/v1/blobs/" + id + "/byte-range?start=0&length=1").getStatus()).isEqualTo(451);
    ContentResponse put = http.put("/v1/blobs", data);
    assertThat(put.getStatus()).isEqualTo(451);
    Files.writeString(blocklist, "[]\n");
  }

  // ---- publisher: objects, concurrency, limits, JWT --------------------------------------------

  @Test
  void sendObjectToTransfersAndShareShares() throws Exception {
    Address other = Ed25519KeyPair.generate().publicKey().toAddress();
    JsonNode sent = store("?send_object_to=" + other, TestBlobs.random(500, 41));
    ObjectId object = ObjectId.parse(sent.path("newlyCreated").path("blobObject").path("id").asString());
    assertThat(ledger.object(object).owner()).isEqualTo(other);

    assertThat(http.put("/v1/blobs?share=true", new byte[3]).getStatus()).as("deletable and shared").isEqualTo(400);
    JsonNode shared = store("?share=true&permanent=true", TestBlobs.random(500, 42));
    String sharedId = shared.path("newlyCreated").path("sharedBlobObject").asString();
    assertThat(ledger.object(ObjectId.parse(sharedId)).type()).isEqualTo("SharedBlobObject");
    assertThat(http.put("/v1/blobs?share=true&send_object_to=" + other, new byte[3]).getStatus()).isEqualTo(400);
  }

  @Test
  void concurrentStoresFromOneWalletAllSucceed() throws Exception {
    int n = 6;
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ContentResponse>> puts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] data = TestBlobs.random(20_000, 500 + i);
        puts.add(exec.submit(() -> http.put("/v1/blobs?epochs=2", data)));
      }
      for (int i = 0; i < n; i++) {
        ContentResponse r = puts.get(i).get();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(json(r).has("newlyCreated")).isTrue();
        assertThat(http.get("/v1/blobs/" + blobIdOf(json(r))).getContent()).isEqualTo(TestBlobs.random(20_000, 500 + i));
      }
    }
  }

  @Test
  void requestsBeyondTheBufferGet429() throws Exception {
    try (DaemonServer limited = DaemonServer.start(settings().services(true, true).publisherLimits(1, 1)
        .aggregatorLimits(1, 1).build(), walrus, ledger, wallet); Http client = new Http(limited.uri());
        Http metrics = new Http(URI.create("http://127.0.0.1:" + limited.metricsPort()))) {
      // An upload whose body is still coming holds the publisher's only place.
      try (Socket slow = new Socket("127.0.0.1", limited.port())) {
        OutputStream out = slow.getOutputStream();
        out.write(("PUT /v1/blobs HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\nab")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Probe only once the daemon has admitted it: a probe dispatched first would take the place.
        String admitted = "walrus_daemon_requests_admitted{service=\"publisher\"} 1.0";
        for (int i = 0; i < 600 && !metrics.get("/metrics").getContentAsString().contains(admitted); i++) {
          Thread.sleep(50);
        }
        assertThat(metrics.get("/metrics").getContentAsString()).contains(admitted)
            .contains("walrus_daemon_requests_running{service=\"publisher\"} 1.0")
            .contains("walrus_daemon_requests_admitted{service=\"aggregator\"} 0.0");
        ContentResponse refused = client.put("/v1/blobs", new byte[] {9});
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString())
            .isEqualTo("the publisher is receiving too many requests; please try again later");
        // Reads are limited separately, and the status never.
        assertThat(client.get("/status").getContentAsString()).isEqualTo("OK");
        assertThat(client.get("/v1/blobs/" + BlobId.of(new byte[32])).getStatus()).isNotEqualTo(429);
        out.write("cd".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(slow.getInputStream(),
            StandardCharsets.US_ASCII)).readLine();
        assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
      }
    }
  }

  @Test
  void jwtAuthentication() throws Exception {
    JwtSettings jwt = new JwtSettings(JWT_SECRET, JwtSettings.Algorithm.HS256, 0, true);
    try (DaemonServer publisher = DaemonServer.start(settings().services(false, true).jwt(jwt).build(), walrus, ledger,
        wallet); Http client = new Http(publisher.uri())) {
      long now = Instant.now().getEpochSecond();
      byte[] data = TestBlobs.random(1000, 51);
      String valid = token("{\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\",\"epochs\":2,\"size\":1000}");
      ContentResponse ok = put(client, "/v1/blobs?epochs=2", data, valid);
      assertThat(ok.getStatus()).as(ok.getContentAsString()).isEqualTo(200);

      ContentResponse replayed = put(client, "/v1/blobs?epochs=2", data, valid);
      assertThat(replayed.getStatus()).isEqualTo(429);
      assertThat(authReason(replayed)).isEqualTo("TOKEN_ALREADY_USED");

      String expired = token("{\"exp\":" + (now - 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
      ContentResponse late = put(client, "/v1/blobs?epochs=2", data, expired);
      assertThat(late.getStatus()).isEqualTo(504);
      assertThat(authReason(late)).isEqualTo("EXPIRED_SIGNATURE");

      String wrongSize = token("{\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\",\"size\":999}");
      ContentResponse size = put(client, "/v1/blobs?epochs=2", data, wrongSize);
      assertThat(size.getStatus()).isEqualTo(400);
      assertThat(authReason(size)).isEqualTo("INVALID_SIZE");

      String tooMany = token("{\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\",\"max_epochs\":1}");
      assertThat(authReason(put(client, "/v1/blobs?epochs=2", data, tooMany))).isEqualTo("INVALID_EPOCHS");

      String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";
      ContentResponse bad = put(client, "/v1/blobs?epochs=2", data, forged);
      assertThat(bad.getStatus()).isEqualTo(401);
      assertThat(authReason(bad)).isEqualTo("INVALID_SIGNATURE");

      ContentResponse none = client.put("/v1/blobs?epochs=2", data);
      assertThat(none.getStatus()).isEqualTo(400);
      // The publisher alone serves no reads.
      assertThat(client.get("/v1/blobs/" + BlobId.of(new byte[32])).getStatus()).isEqualTo(404);
    }
  }

  private static ContentResponse put(Http client, String path, byte[] data, String token) throws Exception {
    return client.send(client.request("PUT", path).headers(h -> h.put("Authorization", "Bearer " + token))
        .body(new org.eclipse.jetty.client.BytesRequestContent(data)));
  }

  private static String authReason(ContentResponse r) {
    JsonNode info = json(r).path("error").path("details").path(0);
    assertThat(info.path("domain").asString()).isEqualTo("auth.publisher.walrus.space");
    return info.path("reason").asString();
  }

  private static String token(String claims) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(JWT_SECRET, "HmacSHA256"));
    return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
  }

  // ---- the walrus daemon verb ------------------------------------------------------------------

  @Test
  void theDaemonVerbServesUntilInterrupted() throws Exception {
    Ed25519KeyPair key = network.fundedWallet(10_000);
    Path walletFile = dir.resolve("daemon-wallet.key");
    Files.writeString(walletFile, "{\"scheme\":\"ed25519\",\"privateKey\":\""
        + Base64.getEncoder().encodeToString(key.privateKey().bytes()) + "\"}");
    int port = LocalNetwork.freePort();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int[] exit = {-1};
    Thread verb = Thread.ofVirtual().start(() -> exit[0] = dev.walrus.cli.WalrusCli.execute(
        new dev.walrus.cli.Terminal(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), false, false),
        "daemon", "--ledger", network.ledgerUrl(), "--wallet", walletFile.toString(),
        "--bind-address", "127.0.0.1:" + port, "--metrics-address", "127.0.0.1:0", "--max-body-size", "64"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!out.toString().contains("serving") && verb.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(out.toString()).as(err.toString()).contains("daemon serving http://127.0.0.1:" + port)
        .contains(key.publicKey().toAddress().toString());
    try (Http client = new Http(URI.create("http://127.0.0.1:" + port))) {
      byte[] data = TestBlobs.random(10_000, 61);
      ContentResponse stored = client.put("/v1/blobs?epochs=2", data);
      assertThat(stored.getStatus()).as(stored.getContentAsString()).isEqualTo(200);
      assertThat(client.get("/v1/blobs/" + blobIdOf(json(stored))).getContent()).isEqualTo(data);
    }
    verb.interrupt();
    verb.join(Duration.ofSeconds(20));
    assertThat(verb.isAlive()).isFalse();
    assertThat(exit[0]).isZero();
    try (Socket closed = new Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> closed.connect(new InetSocketAddress("127.0.0.1", port), 2000))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  // ---- service endpoints -----------------------------------------------------------------------

  @Test
  void statusApiCorsAndMetrics() throws Exception {
    ContentResponse status = http.get("/status");
    assertThat(status.getStatus()).isEqualTo(200);
    assertThat(status.getContentAsString()).isEqualTo("OK");

    ContentResponse page = http.get("/v1/api");
    assertThat(page.getHeaders().get("Content-Type")).startsWith("text/html");
    assertThat(page.getContentAsString()).contains("/v1/blobs/{blob_id}/byte-range");
    JsonNode api = json(http.get("/v1/api/openapi.json"));
    assertThat(api.path("openapi").asString()).startsWith("3.");
    assertThat(api.path("paths").has("/v1/blobs")).isTrue();
    assertThat(api.path("paths").path("/v1alpha/blobs/concat").has("post")).isTrue();

    ContentResponse preflight = http.send(http.request("OPTIONS", "/v1/blobs").headers(h -> h
        .put("Origin", "https://example.org").put("Access-Control-Request-Method", "PUT")));
    assertThat(preflight.getStatus()).isEqualTo(200);
    assertThat(preflight.getHeaders().get("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(preflight.getHeaders().get("Access-Control-Max-Age")).isEqualTo("86400");

    try (Http metrics = new Http(URI.create("http://127.0.0.1:" + daemon.metricsPort()))) {
      ContentResponse scrape = metrics.get("/metrics");
      assertThat(scrape.getStatus()).isEqualTo(200);
      assertThat(scrape.getContentAsString()).contains("walrus_daemon_http_requests_seconds_count");
    }
  }
}
