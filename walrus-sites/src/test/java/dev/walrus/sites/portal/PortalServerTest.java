package dev.walrus.sites.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.sites.SiteIds;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalServerTest {
  private static final Random RANDOM = new Random(14);

  private final FakeDirectory directory = new FakeDirectory();
  private FakeAggregator aggregator;
  private PortalServer portal;
  private final ObjectId siteId = randomId();
  private String host;

  @BeforeEach
  void start() throws Exception {
    aggregator = new FakeAggregator();
    host = SiteIds.toBase36(siteId) + ".localhost";
  }

  @AfterEach
  void stop() {
    if (portal != null) {
      portal.close();
    }
    aggregator.close();
  }

  private void startPortal(PortalSettings settings) throws Exception {
    portal = PortalServer.start(settings, directory);
  }

  private PortalSettings settings(URI... aggregators) {
    return PortalSettings.defaults(new InetSocketAddress("127.0.0.1", 0), List.of(aggregators))
        .withTimeouts(Duration.ofSeconds(5), 2, Duration.ofMillis(10)).withSiteCacheTtl(Duration.ofMillis(1));
  }

  private void startPortal() throws Exception {
    startPortal(settings(aggregator.uri()));
  }

  private RawHttp.Answer get(String path, String... headers) throws Exception {
    return RawHttp.send(portal.port(), "GET", host + ":" + portal.port(), path, headers);
  }

  /** A file of the site whose bytes the fake aggregator serves. */
  private SiteResource file(String path, String content, SiteHeader... headers) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), Optional.empty(), headers);
  }

  private SiteResource file(String path, byte[] content, Optional<byte[]> patch, SiteHeader... headers) {
    SiteResource r = new SiteResource(path, List.of(headers), BlobId.of(randomBytes(32)), sha256(content), patch,
        Optional.empty());
    aggregator.put(AggregatorFetcher.blobPath(r), content);
    return r;
  }

  private static SiteHeader type(String t) {
    return new SiteHeader("content-type", t);
  }

  @Test
  void servesAFileWithItsHeadersAnETagAndSafeDefaults() throws Exception {
    SiteResource index = file("/index.html", "<h1>hello</h1>", type("text/html"),
        new SiteHeader("x-frame-options", "DENY"));
    directory.addSite(siteId, List.of(), List.of(), index);
    startPortal();

    RawHttp.Answer a = get("/");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).isEqualTo("<h1>hello</h1>");
    assertThat(a.header("content-type")).isEqualTo("text/html");
    assertThat(a.header("etag")).isEqualTo("\"" + HexFormat.of().formatHex(index.blobHash()) + "\"");
    assertThat(a.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(a.header("x-frame-options")).isEqualTo("DENY"); // the site's own beats the default
    assertThat(a.header("referrer-policy")).isEqualTo("strict-origin-when-cross-origin");
    assertThat(a.header("cache-control")).isEqualTo(SiteHeaders.DEFAULT_CACHE_CONTROL);
    assertThat(a.header("accept-ranges")).isEqualTo("bytes");
    assertThat(a.header("x-resource-site-id")).isEqualTo(siteId.toString());
    assertThat(a.header("x-resource-site-version")).isEqualTo("3");
    assertThat(get("/index.html?query=ignored").text()).isEqualTo("<h1>hello</h1>");
  }

  @Test
  void headAnswersTheHeadersAlone() throws Exception {
    directory.addSite(siteId, List.of(), List.of(), file("/a.txt", "0123456789", type("text/plain")));
    startPortal();
    RawHttp.Answer a = RawHttp.send(portal.port(), "HEAD", host, "/a.txt");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("content-length")).isEqualTo("10");
    assertThat(a.header("content-type")).isEqualTo("text/plain");
    assertThat(a.body()).isEmpty();
  }

  @Test
  void answersSingleRangesWith206AndRangesPastTheEndWith416() throws Exception {
    directory.addSite(siteId, List.of(), List.of(), file("/a.txt", "0123456789"));
    startPortal();
    RawHttp.Answer part = get("/a.txt", "Range: bytes=2-4");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.text()).isEqualTo("234");
    assertThat(part.header("content-range")).isEqualTo("bytes 2-4/10");
    RawHttp.Answer suffix = get("/a.txt", "Range: bytes=-3");
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.text()).isEqualTo("789");
    RawHttp.Answer past = get("/a.txt", "Range: bytes=10-20");
    assertThat(past.status()).isEqualTo(416);
    assertThat(past.header("content-range")).isEqualTo("bytes */10");
    RawHttp.Answer multi = get("/a.txt", "Range: bytes=0-1,4-5");
    assertThat(multi.status()).isEqualTo(200);
    assertThat(multi.text()).isEqualTo("0123456789");
  }

  @Test
  void ifNoneMatchIsA304WithoutAnyAggregatorRequest() throws Exception {
    SiteResource r = file("/a.txt", "content");
    directory.addSite(siteId, List.of(), List.of(), r);
    startPortal();
    String etag = "\"" + HexFormat.of().formatHex(r.blobHash()) + "\"";
    RawHttp.Answer a = get("/a.txt", "If-None-Match: \"other\", " + etag);
    assertThat(a.status()).isEqualTo(304);
    assertThat(a.header("etag")).isEqualTo(etag);
    assertThat(a.body()).isEmpty();
    assertThat(aggregator.totalHits()).isZero();
    assertThat(get("/a.txt", "If-None-Match: \"other\"").status()).isEqualTo(200);
  }

  @Test
  void anExactResourceBeatsARedirectWhichBeatsARoute() throws Exception {
    directory.addSite(siteId,
        List.of(new SiteRoute("/*", "/index.html"), new SiteRoute("/app/*", "/app.html")),
        List.of(new SiteRedirect("/a.html", "/elsewhere", 301), new SiteRedirect("/old/*", "/new", 302),
            new SiteRedirect("/old/special", "https://example.com/x", 308), new SiteRedirect("/loop", "/loop", 301)),
        file("/index.html", "index"), file("/app.html", "app"), file("/a.html", "a"));
    startPortal();

    assertThat(get("/a.html").text()).isEqualTo("a");
    RawHttp.Answer redirect = get("/old/page");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("location")).isEqualTo("/new");
    assertThat(redirect.body()).isEmpty();
    RawHttp.Answer specific = get("/old/special");
    assertThat(specific.status()).isEqualTo(308);
    assertThat(specific.header("location")).isEqualTo("https://example.com/x");
    assertThat(get("/loop").status()).isEqualTo(508);

    RawHttp.Answer app = get("/app/users/7");
    assertThat(app.status()).isEqualTo(200);
    assertThat(app.text()).isEqualTo("app"); // /app/* is more specific than /*
    assertThat(get("/somewhere/deep").text()).isEqualTo("index");
  }

  @Test
  void aMissingPageIsTheSites404HtmlWithStatus404() throws Exception {
    directory.addSite(siteId, List.of(), List.of(), file("/404.html", "<p>custom 404</p>", type("text/html")));
    startPortal();
    RawHttp.Answer a = get("/missing");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.text()).isEqualTo("<p>custom 404</p>");
    assertThat(a.header("content-type")).isEqualTo("text/html");
  }

  @Test
  void aMissingPageOfASiteWithout404HtmlIsThePortals404() throws Exception {
    directory.addSite(siteId, List.of(new SiteRoute("/app/*", "/gone.html")), List.of(), file("/index.html", "i"));
    startPortal();
    RawHttp.Answer a = get("/missing");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.text()).contains("Page not found").contains("/missing");
    assertThat(a.header("content-type")).startsWith("text/html");
    assertThat(get("/app/x").status()).isEqualTo(404); // a route to a missing file falls through
  }

  @Test
  void aTamperedBodyIs422AndNoneOfItIsSent() throws Exception {
    SiteResource r = file("/secret.js", "alert('genuine')");
    aggregator.put(AggregatorFetcher.blobPath(r), "alert('EVIL tampered')".getBytes(StandardCharsets.UTF_8));
    directory.addSite(siteId, List.of(), List.of(), r);
    startPortal();
    RawHttp.Answer a = get("/secret.js");
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.text()).doesNotContain("EVIL").contains("do not have the SHA-256");
    assertThat(a.header("content-type")).startsWith("text/html");
    assertThat(a.header("etag")).isNull();
  }

  @Test
  void aBlobTheAggregatorDoesNotHaveIsExpired() throws Exception {
    SiteResource r = new SiteResource("/old.css", List.of(), BlobId.of(randomBytes(32)), sha256(new byte[1]),
        Optional.empty(), Optional.empty());
    directory.addSite(siteId, List.of(), List.of(), r);
    startPortal();
    RawHttp.Answer a = get("/old.css");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.text()).contains("No longer available").contains(r.blobId().toString()).contains("deploy it again");
  }

  @Test
  void failsOverToTheNextAggregatorAndRetries5xx() throws Exception {
    try (FakeAggregator broken = new FakeAggregator(); FakeAggregator flaky = new FakeAggregator()) {
      SiteResource r = file("/a.txt", "from the second");
      broken.answerAll(502);
      directory.addSite(siteId, List.of(), List.of(), r);
      startPortal(settings(broken.uri(), URI.create("http://127.0.0.1:1"), aggregator.uri()));
      RawHttp.Answer a = get("/a.txt");
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.text()).isEqualTo("from the second");
      assertThat(broken.totalHits()).isEqualTo(1);

      SiteResource b = file("/b.txt", "after a retry");
      directory.addSite(siteId, List.of(), List.of(), r, b);
      aggregator.failNext(AggregatorFetcher.blobPath(b), 500, 503);
      assertThat(get("/b.txt").text()).isEqualTo("after a retry");
      assertThat(aggregator.hits(AggregatorFetcher.blobPath(b))).isEqualTo(3);
    }
  }

  @Test
  void everyAggregatorFailingIs503() throws Exception {
    SiteResource r = file("/a.txt", "x");
    directory.addSite(siteId, List.of(), List.of(), r);
    aggregator.answerAll(500);
    startPortal();
    RawHttp.Answer a = get("/a.txt");
    assertThat(a.status()).isEqualTo(503);
    assertThat(aggregator.totalHits()).isEqualTo(3); // one try and two retries
  }

  @Test
  void readsQuiltPatchesByTheirPatchId() throws Exception {
    byte[] patch = {1, 3, 0, 5, 0};
    SiteResource r = file("/p.txt", "a patch".getBytes(StandardCharsets.UTF_8), Optional.of(patch), type("text/plain"));
    directory.addSite(siteId, List.of(), List.of(), r);
    startPortal();
    assertThat(AggregatorFetcher.blobPath(r)).startsWith("/v1/blobs/by-quilt-patch-id/");
    assertThat(get("/p.txt").text()).isEqualTo("a patch");
    assertThat(aggregator.hits(AggregatorFetcher.blobPath(r))).isEqualTo(1);
  }

  @Test
  void aSecondRequestIsServedFromTheCache() throws Exception {
    SiteResource r = file("/a.txt", "cached");
    directory.addSite(siteId, List.of(), List.of(), r);
    startPortal();
    assertThat(get("/a.txt").text()).isEqualTo("cached");
    assertThat(get("/a.txt").text()).isEqualTo("cached");
    assertThat(get("/a.txt", "Range: bytes=0-0").text()).isEqualTo("c");
    assertThat(aggregator.hits(AggregatorFetcher.blobPath(r))).isEqualTo(1);
  }

  @Test
  void largeBodiesAreSpooledAndBodiesOverTheLimitRefused() throws Exception {
    byte[] big = randomBytes(200_000);
    byte[] huge = randomBytes(300_000);
    SiteResource bigFile = file("/big.bin", big, Optional.empty());
    SiteResource hugeFile = file("/huge.bin", huge, Optional.empty());
    directory.addSite(siteId, List.of(), List.of(), bigFile, hugeFile);
    startPortal(settings(aggregator.uri()).withBodyLimits(16 << 10, 1 << 20).withMaxBody(250_000));
    RawHttp.Answer a = get("/big.bin");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo(big);
    RawHttp.Answer part = get("/big.bin", "Range: bytes=100000-100009");
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 100_000, 100_010));
    assertThat(aggregator.hits(AggregatorFetcher.blobPath(bigFile))).isEqualTo(2); // spooled bodies are not cached
    RawHttp.Answer refused = get("/huge.bin");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("larger than this portal serves");
  }

  @Test
  void pathsWithDotSegmentsOrEncodedSlashesAre400() throws Exception {
    directory.addSite(siteId, List.of(), List.of(), file("/index.html", "i"));
    startPortal();
    for (String bad : List.of("/a/../index.html", "/a/%2e%2e/index.html", "/a%2Fb", "/a%5cb", "/%ff", "/a/./b")) {
      RawHttp.Answer a = get(bad);
      assertThat(a.status()).as(bad).isEqualTo(400);
      assertThat(a.text()).as(bad).contains("cannot name a file of a site");
    }
    assertThat(get("/%69ndex.html").text()).isEqualTo("i");
  }

  @Test
  void hostsThatAreNotSitesAre404() throws Exception {
    startPortal();
    RawHttp.Answer other = RawHttp.send(portal.port(), "GET", "example.com", "/");
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.text()).contains("Not a site");
    RawHttp.Answer word = RawHttp.send(portal.port(), "GET", "my-site.localhost:" + portal.port(), "/");
    assertThat(word.status()).isEqualTo(404);
    assertThat(word.text()).contains("Not a site");
    RawHttp.Answer unknown = get("/");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("Site not found").contains(SiteIds.toBase36(siteId));
  }

  @Test
  void theBareDomainIsTheLandingPageOrTheLandingSite() throws Exception {
    startPortal();
    RawHttp.Answer landing = RawHttp.send(portal.port(), "GET", "localhost:" + portal.port(), "/");
    assertThat(landing.status()).isEqualTo(200);
    assertThat(landing.text()).contains("Walrus Sites portal").contains(".localhost:" + portal.port() + "/")
        .contains("walrus site convert");
    assertThat(RawHttp.send(portal.port(), "GET", "localhost", "/__wal__/metrics").text())
        .contains("walrus_portal_http_requests");
    portal.close();

    directory.addSite(siteId, List.of(), List.of(), file("/index.html", "the landing site"));
    portal = PortalServer.start(settings(aggregator.uri()).withLandingSite(Optional.of(siteId)), directory);
    assertThat(RawHttp.send(portal.port(), "GET", "localhost", "/").text()).isEqualTo("the landing site");
  }

  @Test
  void anUnreachableLedgerIs503() throws Exception {
    directory.addSite(siteId, List.of(), List.of(), file("/index.html", "i"));
    directory.down = true;
    startPortal();
    assertThat(get("/").status()).isEqualTo(503);
  }

  @Test
  void onlyGetAndHeadAreServed() throws Exception {
    startPortal();
    RawHttp.Answer a = RawHttp.send(portal.port(), "DELETE", host, "/", "Content-Length: 0");
    assertThat(a.status()).isEqualTo(405);
    assertThat(a.header("allow")).isEqualTo("GET, HEAD");
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static ObjectId randomId() {
    return ObjectId.of(randomBytes(32));
  }
}
