package dev.walrus.local;

import static dev.walrus.local.Http.json;
import static dev.walrus.local.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.daemon.DaemonServer;
import dev.walrus.daemon.DaemonSettings;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.client.LedgerClient;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.MultiPartRequestContent;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The daemon's quilt endpoints against a local network (4 nodes in this JVM, 12 shards): a quilt
 * stored with {@code curl -F} style multipart, each patch read back by patch ID and by identifier,
 * the list of patches, and the errors for bad IDs, unknown identifiers and malformed forms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonQuiltHttpTest {
  private static final long MAX_QUILT_BODY = 256 << 10;

  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private WalrusClient walrus;
  private DaemonServer daemon;
  private Http http;
  private Path blocklist;

  /** The stored quilt: its ID and what each identifier holds. */
  private String quiltId;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, String> patchIds = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 4, 12, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    Ed25519KeyPair wallet = network.fundedWallet(100_000);
    walrus = WalrusClient.builder().ledgerClient(ledger).wallet(wallet)
        .nodeRetries(3, Duration.ofMillis(100), Duration.ofMillis(500)).build();
    blocklist = dir.resolve("blocklist.txt");
    Files.writeString(blocklist, "[]\n");
    daemon = DaemonServer.start(DaemonSettings.builder().bindAddress(new InetSocketAddress("127.0.0.1", 0))
        .metricsAddress(new InetSocketAddress("127.0.0.1", 0)).blocklist(blocklist)
        .maxQuiltBodyBytes(MAX_QUILT_BODY).build(), walrus, ledger, wallet);
    http = new Http(daemon.uri());
    storeTheQuilt();
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {http, daemon, walrus, ledger, network}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** A form part as {@code curl -F name=@file} sends it (with a file name) or {@code -F name=value}. */
  private static MultiPart.Part part(String name, String fileName, byte[] data) {
    return new MultiPart.ByteBufferPart(name, fileName, HttpFields.EMPTY, ByteBuffer.wrap(data));
  }

  private ContentResponse putQuilt(String query, List<MultiPart.Part> parts) throws Exception {
    MultiPartRequestContent form = new MultiPartRequestContent();
    parts.forEach(form::addPart);
    form.close();
    return http.send(http.request("PUT", "/v1/quilts" + query).body(form));
  }

  /** {@code segment} percent-encoded for a path ('+' kept as is, as curl sends it). */
  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "+");
  }

  /** {@code curl -X PUT "$PUBLISHER/v1/quilts?epochs=5" -F a.txt=@a.txt -F b=@b.png -F "notes v2+=@n" -F _metadata=…} */
  private void storeTheQuilt() throws Exception {
    files.put("a.txt", "hello from a quilt\n".getBytes(StandardCharsets.UTF_8));
    files.put("b", TestBlobs.random(3000, 7));
    files.put("notes v2+", TestBlobs.random(40, 8));
    String metadata = "[{\"identifier\":\"b\",\"tags\":{\"kind\":\"image\",\"content-type\":\"image/png\"}},"
        + "{\"identifier\":\"notes v2+\",\"tags\":{\"version\":2,\"draft\":true,\"by\":{\"name\":\"x\"}}}]";
    List<MultiPart.Part> parts = new ArrayList<>();
    parts.add(part("a.txt", "a.txt", files.get("a.txt")));
    parts.add(part("_metadata", null, metadata.getBytes(StandardCharsets.UTF_8)));
    parts.add(part("b", "b.png", files.get("b")));
    parts.add(part("notes v2+", "n", files.get("notes v2+")));
    ContentResponse r = putQuilt("?epochs=5", parts);
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode result = json(r);
    JsonNode blob = result.path("blobStoreResult").path("newlyCreated").path("blobObject");
    assertThat(blob.path("storage").path("endEpoch").asInt() - blob.path("storage").path("startEpoch").asInt())
        .isEqualTo(5);
    quiltId = blob.path("blobId").asString();
    JsonNode stored = result.path("storedQuiltBlobs");
    assertThat(stored).hasSize(3);
    int previousEnd = 0;
    for (JsonNode p : stored) {
      QuiltPatchId id = QuiltPatchId.parse(p.path("quiltPatchId").asString());
      assertThat(id.quiltId()).isEqualTo(BlobId.parse(quiltId));
      assertThat(p.path("range").path(0).asInt()).isEqualTo(id.startIndex()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(p.path("range").path(1).asInt()).isEqualTo(id.endIndex());
      previousEnd = id.endIndex();
      patchIds.put(p.path("identifier").asString(), p.path("quiltPatchId").asString());
    }
    assertThat(patchIds).containsOnlyKeys(files.keySet());
  }

  // ---- reads --------------------------------------------------------------------------------

  @Test
  void everyPatchReadsBackByPatchId() throws Exception {
    for (Map.Entry<String, String> p : patchIds.entrySet()) {
      ContentResponse r = http.get("/v1/blobs/by-quilt-patch-id/" + p.getValue());
      assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
      assertThat(r.getContent()).isEqualTo(files.get(p.getKey()));
      assertThat(r.getHeaders().get("X-Quilt-Patch-Identifier")).isEqualTo(p.getKey());
      assertThat(r.getHeaders().get("ETag")).isEqualTo(quiltId);
      assertThat(r.getHeaders().get("Cache-Control")).isEqualTo("public, max-age=86400, stale-while-revalidate=3600");
      assertThat(r.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @Test
  void everyPatchReadsBackByIdentifier() throws Exception {
    for (String identifier : files.keySet()) {
      ContentResponse r = http.get("/v1/blobs/by-quilt-id/" + quiltId + "/" + path(identifier));
      assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
      assertThat(r.getContent()).isEqualTo(files.get(identifier));
      assertThat(r.getHeaders().get("X-Quilt-Patch-Identifier")).isEqualTo(identifier);
      assertThat(r.getHeaders().get("ETag")).isEqualTo(quiltId);
    }
  }

  @Test
  void allowedTagsBecomeHeadersAndOthersDoNot() throws Exception {
    ContentResponse r = http.get("/v1/blobs/by-quilt-id/" + quiltId + "/b");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("image/png");
    assertThat(r.getHeaders().get("kind")).isNull();
    // Without a content-type tag, the identifier's extension names the type, else octet-stream.
    assertThat(http.get("/v1/blobs/by-quilt-id/" + quiltId + "/a.txt").getHeaders().get("Content-Type"))
        .isEqualTo("text/plain");
    assertThat(http.get("/v1/blobs/by-quilt-id/" + quiltId + "/" + path("notes v2+")).getHeaders()
        .get("Content-Type")).isEqualTo("application/octet-stream");
  }

  @Test
  void listsThePatchesWithTheirIdsAndTags() throws Exception {
    ContentResponse r = http.get("/v1/quilts/" + quiltId + "/patches");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    JsonNode list = json(r);
    assertThat(list).hasSize(3);
    List<String> identifiers = new ArrayList<>();
    for (JsonNode item : list) {
      String identifier = item.path("identifier").asString();
      identifiers.add(identifier);
      assertThat(item.path("patch_id").asString()).isEqualTo(patchIds.get(identifier));
    }
    assertThat(identifiers).containsExactly("a.txt", "b", "notes v2+");
    assertThat(list.path(0).path("tags").isObject()).isTrue();
    assertThat(list.path(0).path("tags").isEmpty()).isTrue();
    assertThat(list.path(1).path("tags").path("kind").asString()).isEqualTo("image");
    JsonNode stringified = list.path(2).path("tags");
    assertThat(stringified.path("version").asString()).isEqualTo("2");
    assertThat(stringified.path("draft").asString()).isEqualTo("true");
    assertThat(stringified.path("by").asString()).isEqualTo("{\"name\":\"x\"}");
  }

  // ---- read errors --------------------------------------------------------------------------

  @Test
  void aMalformedPatchIdIs400() throws Exception {
    byte[] version2 = new byte[QuiltPatchId.LENGTH];
    version2[32] = 2;
    version2[35] = 1;
    String wrongVersion = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(version2);
    for (String bad : new String[] {"not-a-patch-id", wrongVersion, quiltId}) {
      ContentResponse r = http.get("/v1/blobs/by-quilt-patch-id/" + bad);
      assertThat(r.getStatus()).as(bad).isEqualTo(400);
      assertThat(reason(r)).isEqualTo("INVALID_QUILT_PATCH_ID");
    }
  }

  @Test
  void anUnknownIdentifierOrColumnIs404PatchNotFound() throws Exception {
    ContentResponse r = http.get("/v1/blobs/by-quilt-id/" + quiltId + "/nothing-here");
    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(reason(r)).isEqualTo("QUILT_PATCH_NOT_FOUND");
    String outside = new QuiltPatchId(BlobId.parse(quiltId), 60_000, 60_001).toString();
    ContentResponse beyond = http.get("/v1/blobs/by-quilt-patch-id/" + outside);
    assertThat(beyond.getStatus()).isEqualTo(404);
    assertThat(reason(beyond)).isEqualTo("QUILT_PATCH_NOT_FOUND");
  }

  @Test
  void anUnknownQuiltIs404BlobNotFound() throws Exception {
    String unknown = BlobId.of(new byte[32]).toString();
    for (String path : new String[] {"/v1/quilts/" + unknown + "/patches", "/v1/blobs/by-quilt-id/" + unknown + "/b",
        "/v1/blobs/by-quilt-patch-id/" + new QuiltPatchId(BlobId.of(new byte[32]), 1, 2)}) {
      ContentResponse r = http.get(path);
      assertThat(r.getStatus()).as(path).isEqualTo(404);
      assertThat(reason(r)).isEqualTo("BLOB_NOT_FOUND");
    }
    ContentResponse bad = http.get("/v1/quilts/not-a-blob-id/patches");
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(reason(bad)).isEqualTo("INVALID_BLOB_ID");
  }

  @Test
  void aBlockedQuiltIs451() throws Exception {
    String onlyId = patchIds.get("a.txt");
    Files.writeString(blocklist, "- " + quiltId + "\n");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      ContentResponse r;
      do {
        Thread.sleep(200);
        r = http.get("/v1/blobs/by-quilt-patch-id/" + onlyId);
      } while (r.getStatus() == 200 && System.nanoTime() < deadline);
      assertThat(r.getStatus()).isEqualTo(451);
      assertThat(reason(r)).isEqualTo("FORBIDDEN_BLOB");
      assertThat(http.get("/v1/blobs/by-quilt-id/" + quiltId + "/b").getStatus()).isEqualTo(451);
      assertThat(http.get("/v1/quilts/" + quiltId + "/patches").getStatus()).isEqualTo(451);
    } finally {
      Files.writeString(blocklist, "[]\n");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (http.get("/v1/blobs/by-quilt-patch-id/" + onlyId).getStatus() == 451 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  // ---- store errors -------------------------------------------------------------------------

  @Test
  void aBodyThatIsNoMultipartFormIs400Malformed() throws Exception {
    ContentResponse raw = http.put("/v1/quilts", "just bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(raw.getStatus()).isEqualTo(400);
    assertThat(reason(raw)).isEqualTo("MALFORMED_REQUEST");

    byte[] truncated = ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf a part")
        .getBytes(StandardCharsets.UTF_8);
    ContentResponse broken = http.send(http.request("PUT", "/v1/quilts")
        .body(new BytesRequestContent("multipart/form-data; boundary=XyZ", truncated)));
    assertThat(broken.getStatus()).isEqualTo(400);
    assertThat(reason(broken)).isEqualTo("MALFORMED_REQUEST");
  }

  @Test
  void badFilesOrMetadataAre400Malformed() throws Exception {
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    Map<String, List<MultiPart.Part>> cases = new LinkedHashMap<>();
    cases.put("no files", List.of(part("_metadata", null, "[]".getBytes(StandardCharsets.UTF_8))));
    cases.put("metadata not JSON", List.of(part("a", "a", data), part("_metadata", null, "{".getBytes(StandardCharsets.UTF_8))));
    cases.put("metadata twice for one file", List.of(part("a", "a", data), part("_metadata", null,
        "[{\"identifier\":\"a\"},{\"identifier\":\"a\"}]".getBytes(StandardCharsets.UTF_8))));
    cases.put("two files with one identifier", List.of(part("a", "a", data), part("a", "b", data)));
    cases.put("empty identifier", List.of(part("", "a", data)));
    for (Map.Entry<String, List<MultiPart.Part>> c : cases.entrySet()) {
      ContentResponse r = putQuilt("", c.getValue());
      assertThat(r.getStatus()).as(c.getKey() + ": " + r.getContentAsString()).isEqualTo(400);
      assertThat(reason(r)).as(c.getKey()).isEqualTo("MALFORMED_REQUEST");
    }
  }

  @Test
  void badQueryParametersAre400() throws Exception {
    List<MultiPart.Part> one = List.of(part("a", "a", "x".getBytes(StandardCharsets.UTF_8)));
    ContentResponse version = putQuilt("?quilt_version=v2", one);
    assertThat(version.getStatus()).isEqualTo(400);
    assertThat(reason(version)).isEqualTo("INVALID_QUILT_VERSION");
    ContentResponse unknown = putQuilt("?colour=blue", one);
    assertThat(unknown.getStatus()).isEqualTo(400);
    assertThat(reason(unknown)).isEqualTo("UNKNOWN_QUERY_PARAMETER");
  }

  @Test
  void aFormOverTheQuiltLimitIs413() throws Exception {
    ContentResponse r = putQuilt("", List.of(part("big", "big", TestBlobs.random((int) MAX_QUILT_BODY + 1, 9))));
    assertThat(r.getStatus()).isEqualTo(413);
  }

  @Test
  void theApiDescriptionListsTheQuiltEndpoints() throws Exception {
    JsonNode paths = json(http.get("/v1/api/openapi.json")).path("paths");
    assertThat(paths.has("/v1/quilts")).isTrue();
    assertThat(paths.has("/v1/blobs/by-quilt-patch-id/{quilt_patch_id}")).isTrue();
    assertThat(paths.has("/v1/blobs/by-quilt-id/{quilt_id}/{identifier}")).isTrue();
    assertThat(paths.has("/v1/quilts/{quilt_id}/patches")).isTrue();
  }
}
