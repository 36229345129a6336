package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.client.QuiltStoreResult;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.StoredQuiltPatch;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.daemon.DaemonServer;
import dev.walrus.daemon.DaemonSettings;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.sites.SiteIds;
import dev.walrus.sites.portal.LedgerSiteDirectory;
import dev.walrus.sites.portal.PortalServer;
import dev.walrus.sites.portal.PortalSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Walrus Sites portal on a local network (4 nodes in this JVM): a site whose files are a
 * quilt and a plain blob stored through the SDK, recorded on the ledger with CreateSite and
 * UpdateSite, served by the portal from the real ledger and the daemon's aggregator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalHttpTest {
  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private WalrusClient walrus;
  private DaemonServer daemon;
  private PortalServer portal;
  private HttpClient http;
  private ObjectId siteId;
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 4, 12, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    Ed25519KeyPair wallet = network.fundedWallet(100_000);
    walrus = WalrusClient.builder().ledgerClient(ledger).wallet(wallet)
        .nodeRetries(3, Duration.ofMillis(100), Duration.ofMillis(500)).build();
    daemon = DaemonServer.start(DaemonSettings.builder().bindAddress(new InetSocketAddress("127.0.0.1", 0))
        .metricsAddress(new InetSocketAddress("127.0.0.1", 0)).build(), walrus, ledger, wallet);

    files.put("/index.html", "<!doctype html><title>t</title><h1>Hello from Walrus</h1>".getBytes(StandardCharsets.UTF_8));
    files.put("/style.css", "h1 { color: teal }".getBytes(StandardCharsets.UTF_8));
    files.put("/404.html", "<p>nothing here</p>".getBytes(StandardCharsets.UTF_8));
    List<QuiltFile> quilt = new ArrayList<>();
    files.forEach((path, data) -> quilt.add(QuiltFile.of(path, data)));
    QuiltStoreResult stored = walrus.storeQuilt(quilt, StoreOptions.defaults().withEpochs(2));
    List<SiteResource> resources = new ArrayList<>();
    for (StoredQuiltPatch p : stored.storedQuiltBlobs()) {
      String type = p.identifier().endsWith(".css") ? "text/css" : "text/html";
      resources.add(new SiteResource(p.identifier(), List.of(new SiteHeader("content-type", type)),
          p.quiltPatchId().quiltId(), sha256(files.get(p.identifier())),
          Optional.of(p.quiltPatchId().internal().toBytes()), Optional.empty()));
    }
    byte[] logo = TestBlobs.random(70_000, 3);
    files.put("/logo.bin", logo);
    StoreResult blob = walrus.store(logo, StoreOptions.defaults().withEpochs(2));
    resources.add(new SiteResource("/logo.bin", List.of(), blob.blobId(), sha256(logo), Optional.empty(),
        Optional.empty()));

    TransactionEffects created = ledger.execute(wallet, new Operation.CreateSite("portal test", SiteMetadata.EMPTY));
    assertThat(created.succeeded()).as(String.valueOf(created.abort())).isTrue();
    siteId = created.created().get(0);
    TransactionEffects updated = ledger.execute(wallet, new Operation.UpdateSite(siteId, new SiteDiff(List.of(),
        resources, Optional.of(List.of(new SiteRoute("/app/*", "/index.html"))),
        Optional.of(List.of(new SiteRedirect("/old", "/index.html", 301))), Optional.empty(), Optional.empty())));
    assertThat(updated.succeeded()).as(String.valueOf(updated.abort())).isTrue();

    portal = PortalServer.start(PortalSettings.defaults(new InetSocketAddress("127.0.0.1", 0), List.of(daemon.uri())),
        new LedgerSiteDirectory(ledger));
    http = new HttpClient();
    http.setFollowRedirects(false);
    http.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (http != null) {
      http.stop();
    }
    for (AutoCloseable c : new AutoCloseable[] {portal, daemon, walrus, ledger, network}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private ContentResponse get(String path, String... headers) throws Exception {
    var request = http.newRequest(URI.create("http://127.0.0.1:" + portal.port() + path))
        .headers(h -> h.put(HttpHeader.HOST, SiteIds.toBase36(siteId) + ".localhost:" + portal.port()))
        .timeout(60, TimeUnit.SECONDS);
    for (int i = 0; i < headers.length; i += 2) {
      String name = headers[i];
      String value = headers[i + 1];
      request.headers(h -> h.put(name, value));
    }
    return request.send();
  }

  @Test
  void servesTheSitesFilesFromTheLedgerAndTheAggregator() throws Exception {
    ContentResponse index = get("/");
    assertThat(index.getStatus()).as(index.getContentAsString()).isEqualTo(200);
    assertThat(index.getContent()).isEqualTo(files.get("/index.html"));
    assertThat(index.getHeaders().get("Content-Type")).isEqualTo("text/html");
    assertThat(index.getHeaders().get("x-resource-site-id")).isEqualTo(siteId.toString());
    ContentResponse css = get("/style.css");
    assertThat(css.getContent()).isEqualTo(files.get("/style.css"));
    assertThat(css.getHeaders().get("Content-Type")).isEqualTo("text/css");
    ContentResponse logo = get("/logo.bin", "Range", "bytes=100-199");
    assertThat(logo.getStatus()).isEqualTo(206);
    assertThat(logo.getContent()).isEqualTo(java.util.Arrays.copyOfRange(files.get("/logo.bin"), 100, 200));
    assertThat(get("/style.css", "If-None-Match", css.getHeaders().get("ETag")).getStatus()).isEqualTo(304);
  }

  @Test
  void routesRedirectsAndTheSites404() throws Exception {
    assertThat(get("/app/users/1").getContent()).isEqualTo(files.get("/index.html"));
    ContentResponse old = get("/old");
    assertThat(old.getStatus()).isEqualTo(301);
    assertThat(old.getHeaders().get("Location")).isEqualTo("/index.html");
    ContentResponse missing = get("/missing");
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(missing.getContent()).isEqualTo(files.get("/404.html"));
  }

  @Test
  void theAggregatorNamesContentTypesOfPatchesByTheirIdentifier() throws Exception {
    SiteResource css = ledger.siteResource(siteId, "/style.css").orElseThrow();
    String patchId = new dev.walrus.core.quilt.QuiltPatchId(css.blobId(),
        dev.walrus.core.quilt.QuiltPatchId.Internal.fromBytes(css.quiltPatch().orElseThrow())).toString();
    ContentResponse r = http.GET(daemon.uri() + "/v1/blobs/by-quilt-patch-id/" + patchId);
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("text/css");
    assertThat(http.GET(daemon.uri() + "/v1/blobs/" + css.blobId()).getHeaders().get("Content-Type"))
        .isEqualTo("application/octet-stream");
  }

  @Test
  void anUnknownSiteIs404() throws Exception {
    ContentResponse r = http.newRequest(URI.create("http://127.0.0.1:" + portal.port() + "/"))
        .headers(h -> h.put(HttpHeader.HOST, SiteIds.toBase36(ObjectId.of(new byte[32])) + "1.localhost"))
        .timeout(60, TimeUnit.SECONDS).send();
    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(r.getContentAsString()).contains("Site not found");
  }

  private static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }
}
