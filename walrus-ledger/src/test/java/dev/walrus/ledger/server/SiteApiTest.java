package dev.walrus.ledger.server;

import static dev.walrus.ledger.server.LedgerApiTest.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteResourcesView;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.ReplicaFixtures;
import dev.walrus.ledger.state.sites.Sites;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The site endpoints of the HTTP API against one embedded replica, through the Java client and raw HTTP. */
class SiteApiTest {
  @TempDir static Path dir;
  static LedgerReplica replica;
  static LedgerClient client;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Ed25519KeyPair ALICE = ReplicaFixtures.key(0);
  static final Ed25519KeyPair BOB = ReplicaFixtures.key(1);
  static ObjectId site;
  static final int FILES = 250;

  @BeforeAll
  static void start() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    replica = LedgerReplica.start(ReplicaFixtures.config(dir, "r1", peers, dir.resolve("genesis.yaml"),
        new ReplicaConfig.RaftConfig(300, 600, 0, 0, 0)), ReplicaFixtures.genesis(2));
    base = peers.get(0).apiUrl();
    client = LedgerClient.of(base);
    site = ok(ALICE, Sites.create("api site")).created().getFirst();
    List<SiteResource> files = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      files.add(Sites.resource(String.format("/f/%04d.html", i)));
    }
    files.add(Sites.resource("/a b?c&d=é.html"));
    ok(ALICE, Sites.update(site, new SiteDiff(List.of(), files, Optional.of(List.of(new SiteRoute("/app/*", "/f/0000.html"))),
        Optional.of(List.of(new SiteRedirect("/old", "/f/0001.html", 301))), Optional.empty(), Optional.empty())));
  }

  @AfterAll
  static void stop() {
    client.close();
    replica.close();
  }

  static TransactionEffects ok(Ed25519KeyPair key, Operation op) {
    TransactionEffects e = client.execute(key, op);
    assertThat(e.status()).as(String.valueOf(e.abort())).isEqualTo(TransactionEffects.Status.SUCCESS);
    return e;
  }

  @Test
  void aSiteItsResourceAndItsObject() {
    SiteView v = client.site(site);
    assertThat(v.name()).isEqualTo("api site");
    assertThat(v.owner()).isEqualTo(ALICE.publicKey().toAddress());
    assertThat(v.resourceCount()).isEqualTo(FILES + 1);
    assertThat(v.version()).isEqualTo(2);
    assertThat(v.routes()).containsExactly(new SiteRoute("/app/*", "/f/0000.html"));
    assertThat(v.redirects()).containsExactly(new SiteRedirect("/old", "/f/0001.html", 301));

    SiteResource r = client.siteResource(site, "/a b?c&d=é.html").orElseThrow();
    SiteResource expected = Sites.resource("/a b?c&d=é.html");
    assertThat(r.blobHash()).isEqualTo(expected.blobHash());
    assertThat(r.quiltPatch().orElseThrow()).isEqualTo(expected.quiltPatch().orElseThrow());
    assertThat(r.blobId()).isEqualTo(expected.blobId());
    assertThat(r.headers()).isEqualTo(expected.headers());
    assertThat(client.siteResource(site, "/nope.html")).isEmpty();

    ObjectView object = client.object(site);
    assertThat(object.type()).isEqualTo("Site");
    assertThat(object.owner()).isEqualTo(ALICE.publicKey().toAddress());
    assertThat(object.fields().get("name").asString()).isEqualTo("api site");
  }

  @Test
  void resourcesPageInPathOrder() throws Exception {
    List<String> paths = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      SiteResourcesView page = client.siteResources(site, after, 100);
      page.resources().forEach(r -> paths.add(r.path()));
      after = page.next().orElse(null);
      pages++;
    } while (after != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(paths).hasSize(FILES + 1).isSorted().doesNotHaveDuplicates();
    assertThat(paths.getFirst()).isEqualTo("/a b?c&d=é.html");

    SiteResourcesView first = LedgerJson.mapper().readValue(get("/v1/sites/" + site + "/resources").body(),
        SiteResourcesView.class);
    assertThat(first.resources()).hasSize(100);
    assertThat(first.next()).contains(first.resources().getLast().path());
    SiteResourcesView all = client.siteResources(site, null, 1000);
    assertThat(all.resources()).hasSize(FILES + 1);
    assertThat(all.next()).isEmpty();
    SiteResourcesView tail = client.siteResources(site, "/f/0247.html", 10);
    assertThat(tail.resources()).extracting(SiteResource::path).containsExactly("/f/0248.html", "/f/0249.html");
    assertThat(tail.next()).isEmpty();
  }

  @Test
  void sitesOfAnAccountFollowTransfers() {
    ObjectId moved = ok(ALICE, Sites.create("to bob")).created().getFirst();
    Address bob = BOB.publicKey().toAddress();
    assertThat(client.sites(ALICE.publicKey().toAddress())).extracting(SiteView::id).contains(site, moved);
    ok(ALICE, new Operation.TransferObject(moved, bob));
    assertThat(client.sites(ALICE.publicKey().toAddress())).extracting(SiteView::id).contains(site)
        .doesNotContain(moved);
    assertThat(client.sites(bob)).extracting(SiteView::id).containsExactly(moved);
    assertThat(client.sites(Address.of(new byte[32]))).isEmpty();
    ok(BOB, new Operation.DestroySite(moved));
    assertThat(client.sites(bob)).isEmpty();
    assertThatThrownBy(() -> client.site(moved)).isInstanceOfSatisfying(LedgerClientException.class,
        e -> assertThat(e.reason()).isEqualTo("SITE_NOT_FOUND"));
  }

  @Test
  void notFoundAndBadParametersGetTypedErrors() throws Exception {
    String unknown = ObjectId.of(new byte[32]).toString();
    assertThat(errorReason(get("/v1/sites/" + unknown), 404)).isEqualTo("SITE_NOT_FOUND");
    assertThat(errorReason(get("/v1/sites/" + unknown + "/resource?path=/"), 404)).isEqualTo("SITE_NOT_FOUND");
    assertThat(errorReason(get("/v1/sites/" + unknown + "/resources"), 404)).isEqualTo("SITE_NOT_FOUND");
    assertThat(errorReason(get("/v1/sites/" + site + "/resource?path=" + enc("/missing")), 404))
        .isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(errorReason(get("/v1/sites/" + site + "/resource"), 400)).isEqualTo("MISSING_PARAMETER");
    assertThat(errorReason(get("/v1/sites/xyz"), 400)).isEqualTo("INVALID_OBJECT_ID");
    assertThat(errorReason(get("/v1/sites/" + site + "?verbose=true"), 400)).isEqualTo("UNKNOWN_QUERY_PARAMETER");
    assertThat(errorReason(get("/v1/sites/" + site + "/resources?limit=0"), 400)).isEqualTo("INVALID_LIMIT");
    assertThat(errorReason(get("/v1/sites/" + site + "/resources?limit=1001"), 400)).isEqualTo("INVALID_LIMIT");
    assertThat(errorReason(get("/v1/sites/" + site + "/resources?limit=ten"), 400)).isEqualTo("INVALID_LIMIT");
    assertThat(errorReason(get("/v1/sites/" + site + "/resources?cursor=1"), 400)).isEqualTo("UNKNOWN_QUERY_PARAMETER");
    assertThat(errorReason(get("/v1/sites/" + site + "/resources?after=/a&after=/b"), 400))
        .isEqualTo("REPEATED_QUERY_PARAMETER");
    assertThat(errorReason(get("/v1/accounts/nope/sites"), 400)).isEqualTo("INVALID_ADDRESS");
    assertThat(errorReason(get("/v1/accounts/" + ALICE.publicKey().toAddress() + "/sites?limit=5"), 400))
        .isEqualTo("UNKNOWN_QUERY_PARAMETER");
  }

  @Test
  void theOpenApiDocumentListsTheSiteEndpoints() throws Exception {
    JsonNode api = LedgerJson.mapper().readTree(get("/v1/api").body());
    for (String path : List.of("/v1/sites/{id}", "/v1/sites/{id}/resource", "/v1/sites/{id}/resources",
        "/v1/accounts/{address}/sites")) {
      assertThat(api.get("paths").has(path)).as(path).isTrue();
    }
    assertThat(api.get("components").get("schemas").has("SiteResource")).isTrue();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
