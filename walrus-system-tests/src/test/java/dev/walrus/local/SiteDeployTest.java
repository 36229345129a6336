package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.cli.Terminal;
import dev.walrus.cli.WalrusCli;
import dev.walrus.client.BlobObject;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.sites.SiteIds;
import dev.walrus.sites.builder.SiteBuilderException;
import dev.walrus.sites.builder.SiteDeployer;
import dev.walrus.sites.builder.SiteDirectory;
import dev.walrus.sites.builder.SiteLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code walrus site} end to end on a local network of four in-process nodes and 10 shards: the
 * repository's example site deployed, read back through the SDK's quilt reads, changed one file at
 * a time (exactly one patch uploaded), a file removed (its resource deleted and its quilt
 * collected), headers changed without an upload, listed, mapped and destroyed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteDeployTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> EXAMPLE_FILES =
      List.of("/404.html", "/app.js", "/img/walrus.png", "/index.html", "/style.css");

  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private WalrusClient client;
  private Path wallet;
  private Address cliAddress;
  private Ed25519KeyPair funder;
  private Path site;
  private ObjectId siteId;
  private Set<BlobId> quiltsSeen = new HashSet<>();

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 4, 10, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    wallet = dir.resolve("cli.key");
    assertThat(walrus("wallet", "new").exitCode()).isZero();
    cliAddress = Address.parse(walrus("wallet", "address").out().trim());
    funder = network.fundedWallet(50_000);
    assertThat(ledger.execute(funder, new Operation.Transfer(cliAddress, 10_000L * 1_000_000_000L)).succeeded()).isTrue();
    client = WalrusClient.builder().ledgerClient(ledger).build();
    site = copyExample(dir.resolve("site"));
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (ledger != null) {
      ledger.close();
    }
    if (network != null) {
      network.close();
    }
  }

  /** The repository's example, copied so the write-back of its ID stays in the test's folder. */
  private static Path copyExample(Path target) throws IOException {
    Path example = Path.of("..", "examples", "site").toAbsolutePath().normalize();
    assertThat(example.resolve("index.html")).exists();
    try (Stream<Path> files = Files.walk(example)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(example.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }

  @Order(1)
  @Test
  void deployPublishesTheExampleAndEveryFileReadsBack() throws Exception {
    JsonNode r = deploy();
    assertThat(r.get("newSite").asBoolean()).isTrue();
    assertThat(r.get("siteName").asString()).isEqualTo("walrus-java example");
    assertThat(strings(r.get("created"))).containsExactlyElementsOf(EXAMPLE_FILES);
    assertThat(r.get("filesUploaded").asInt()).isEqualTo(5);
    assertThat(r.get("quilts")).hasSize(1);
    assertThat(r.get("routesChanged").asBoolean()).isTrue();
    assertThat(r.get("frostSpent").asLong()).isPositive();
    assertThat(r.get("transactions").asInt()).isEqualTo(1);
    siteId = ObjectId.parse(r.get("siteId").asString());
    assertThat(r.get("url").asString()).isEqualTo("http://" + SiteIds.toBase36(siteId) + ".localhost:3000/");
    // The ID is remembered for the next deploy, the rest of the file kept.
    String config = Files.readString(site.resolve("ws-resources.json"));
    assertThat(config).contains("\"object_id\": \"" + siteId + "\"").contains("\"/app/*\"");

    SiteView view = ledger.site(siteId);
    assertThat(view.resourceCount()).isEqualTo(5);
    assertThat(view.routes()).containsExactly(new SiteRoute("/app/*", "/index.html"));
    assertThat(view.metadata().creator()).contains("walrus-java");
    assertEveryResourceReadsBack();
    SiteResource png = ledger.siteResource(siteId, "/img/walrus.png").orElseThrow();
    assertThat(png.headers()).contains(new SiteHeader("content-type", "image/png"),
        new SiteHeader("cache-control", "public, max-age=86400"), new SiteHeader("content-encoding", "identity"));
    assertThat(ledger.siteResource(siteId, "/README.md")).as("ignored").isEmpty();
  }

  @Order(2)
  @Test
  void anUnchangedSiteUploadsNothingAndOneChangedFileIsOnePatch() throws Exception {
    JsonNode same = deploy();
    assertThat(same.get("newSite").asBoolean()).isFalse();
    assertThat(same.get("filesUploaded").asInt()).isZero();
    assertThat(same.get("transactions").asInt()).isZero();
    long version = ledger.site(siteId).version();

    Files.writeString(site.resolve("app.js"), "\n// changed\n", java.nio.file.StandardOpenOption.APPEND);
    JsonNode r = deploy();
    assertThat(r.get("filesUploaded").asInt()).isEqualTo(1);
    assertThat(r.get("quilts")).singleElement().satisfies(q -> assertThat(strings(q.get("paths"))).containsExactly("/app.js"));
    assertThat(strings(r.get("updated"))).containsExactly("/app.js");
    assertThat(strings(r.get("created"))).isEmpty();
    assertThat(strings(r.get("deleted"))).isEmpty();
    assertThat(r.get("deletedBlobObjects")).as("the first quilt still holds the other files").isEmpty();
    assertThat(ledger.site(siteId).version()).isGreaterThan(version);
    assertEveryResourceReadsBack();
  }

  @Order(3)
  @Test
  void aRemovedFileIsDeletedAndAQuiltNoLongerUsedIsCollected() throws Exception {
    BlobId appQuilt = ledger.siteResource(siteId, "/app.js").orElseThrow().blobId();
    ObjectId appQuiltObject = ownedObject(appQuilt);
    Files.delete(site.resolve("404.html"));
    Files.writeString(site.resolve("app.js"), "\n// changed again\n", java.nio.file.StandardOpenOption.APPEND);
    JsonNode r = deploy();
    assertThat(strings(r.get("deleted"))).containsExactly("/404.html");
    assertThat(strings(r.get("updated"))).containsExactly("/app.js");
    assertThat(r.get("filesUploaded").asInt()).isEqualTo(1);
    assertThat(strings(r.get("deletedBlobObjects"))).containsExactly(appQuiltObject.toString());
    assertThat(ledger.siteResource(siteId, "/404.html")).isEmpty();
    assertThat(ledger.site(siteId).resourceCount()).isEqualTo(4);
    assertThat(ownedBlobIds()).doesNotContain(appQuilt);
    assertEveryResourceReadsBack();
  }

  @Order(4)
  @Test
  void changedHeadersOnlyUploadNothing() throws Exception {
    Path config = site.resolve("ws-resources.json");
    Files.writeString(config, Files.readString(config).replace("no-cache", "max-age=5"));
    JsonNode r = deploy();
    assertThat(r.get("filesUploaded").asInt()).isZero();
    assertThat(strings(r.get("updated"))).containsExactly("/index.html");
    assertThat(ledger.siteResource(siteId, "/index.html").orElseThrow().headers())
        .contains(new SiteHeader("cache-control", "max-age=5"));
  }

  @Order(5)
  @Test
  void listAndSitemap() throws Exception {
    Run list = walrus("--json", "site", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    JsonNode sites = JSON.readTree(list.out());
    assertThat(sites).singleElement().satisfies(s -> {
      assertThat(s.get("id").asString()).isEqualTo(siteId.toString());
      assertThat(s.get("resources").asLong()).isEqualTo(4);
    });
    Run map = walrus("--json", "site", "sitemap", SiteIds.toBase36(siteId));
    assertThat(map.exitCode()).as(map.err()).isZero();
    JsonNode entries = JSON.readTree(map.out());
    assertThat(entries).hasSize(4);
    for (JsonNode e : entries) {
      assertThat(e.get("blobOrPatchId").asString()).hasSize(50);
      assertThat(e.get("endEpoch").asInt()).isGreaterThan(ledger.committee().epoch());
    }
    Run text = walrus("site", "sitemap", siteId.toString());
    assertThat(text.out()).contains("/index.html").contains("End epoch");
  }

  @Order(6)
  @Test
  void aFailedUploadLeavesTheSiteAsItWas() throws Exception {
    SiteView before = ledger.site(siteId);
    List<SiteResource> resourcesBefore = ledger.siteResources(siteId, null, 1000).resources();
    // Leave the wallet 1 FROST after the transfer's fee: no store can be paid for.
    long fee = ledger.system().ledgerInfo().transactionFee();
    long balance = ledger.account(cliAddress).balance();
    Ed25519KeyPair cliKey = dev.walrus.cli.WalletFile.read(wallet);
    Address sink = Ed25519KeyPair.generate().publicKey().toAddress();
    assertThat(ledger.execute(cliKey, new Operation.Transfer(sink, balance - fee - 1)).succeeded()).isTrue();

    Files.writeString(site.resolve("style.css"), "\n/* changed */\n", java.nio.file.StandardOpenOption.APPEND);
    Run failed = walrus("site", "deploy", site.toString(), "--epochs", "3");
    assertThat(failed.exitCode()).isNotZero();
    assertThat(failed.err().strip()).startsWith("Error: ").doesNotContain("\n");
    SiteView after = ledger.site(siteId);
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(ledger.siteResources(siteId, null, 1000).resources()).extracting(SiteResource::blobId)
        .containsExactlyElementsOf(resourcesBefore.stream().map(SiteResource::blobId).toList());

    // Paid again, the same deploy goes through and uploads just that file.
    assertThat(ledger.execute(funder, new Operation.Transfer(cliAddress, 10_000L * 1_000_000_000L)).succeeded()).isTrue();
    JsonNode r = deploy();
    assertThat(r.get("filesUploaded").asInt()).isEqualTo(1);
    assertThat(strings(r.get("updated"))).containsExactly("/style.css");
    assertEveryResourceReadsBack();
  }

  @Order(7)
  @Test
  void aRefusedSiteTransactionDeletesTheQuiltsJustStored() throws Exception {
    Ed25519KeyPair key = dev.walrus.cli.WalletFile.read(wallet);
    long version = ledger.site(siteId).version();
    Files.delete(site.resolve("img/walrus.png"));
    Files.writeString(site.resolve("style.css"), "\n/* refused */\n", java.nio.file.StandardOpenOption.APPEND);
    Set<BlobId> ownedBefore = ownedBlobIds();
    // While the deploy uploads, another deploy removes the image first: the planned delete then
    // names a path the site no longer holds, and the ledger refuses the whole update (site::13).
    SiteDeployer.Progress racer = new SiteDeployer.Progress() {
      @Override
      public void quiltStarted(int index, int total, int files) {
        ledger.execute(key, new Operation.UpdateSite(siteId, new dev.walrus.ledger.api.SiteDiff(
            List.of("/img/walrus.png"), List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty(), java.util.Optional.empty())));
      }

      @Override
      public void roundStarted(long bytes) {}

      @Override
      public void advanced(long bytes) {}
    };
    try (WalrusClient mine = WalrusClient.builder().ledgerClient(ledger).wallet(key).build()) {
      List<String> warnings = new ArrayList<>();
      SiteDeployer deployer = new SiteDeployer(new SiteLedger(ledger, key, mine), warnings::add);
      assertThatThrownBy(() -> deployer.deploy(new SiteDeployer.Request(site, null, 3, java.util.Optional.empty(),
          java.util.Optional.empty(), 1L << 20), racer))
          .isInstanceOf(SiteBuilderException.class).hasMessageContaining("site::13");
      assertThat(warnings).isEmpty();
    }
    assertThat(ledger.site(siteId).version()).isEqualTo(version + 1); // the racer's change only
    assertThat(ownedBlobIds()).as("the quilt stored for style.css was deleted again").isEqualTo(ownedBefore);
  }

  @Order(8)
  @Test
  void badSiteIdsAreOneLineErrors() throws Exception {
    ObjectId nobody = ObjectId.of(new byte[32]);
    Run missing = walrus("site", "deploy", site.toString(), "--site-id", nobody.toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err().strip()).isEqualTo("Error: site " + nobody + " does not exist");

    // Another wallet's site can be mapped but not changed or destroyed.
    Ed25519KeyPair other = network.fundedWallet(1_000);
    ObjectId theirs = ledger.execute(other, new Operation.CreateSite("theirs", dev.walrus.ledger.api.SiteMetadata.EMPTY))
        .created().getFirst();
    Run update = walrus("site", "deploy", site.toString(), "--site-id", theirs.toString());
    assertThat(update.exitCode()).isNotZero();
    assertThat(update.err().strip()).startsWith("Error: site " + theirs + " belongs to").doesNotContain("\n");
    Run destroy = walrus("site", "destroy", theirs.toString());
    assertThat(destroy.exitCode()).isNotZero();
    assertThat(destroy.err()).contains("belongs to");
    assertThat(walrus("site", "sitemap", theirs.toString()).exitCode()).isZero();
  }

  @Order(9)
  @Test
  void destroyRemovesTheSiteAndItsBlobs() throws Exception {
    Set<BlobId> blobs = new HashSet<>();
    ledger.siteResources(siteId, null, 1000).resources().forEach(r -> blobs.add(r.blobId()));
    Run destroy = walrus("--json", "site", "destroy", siteId.toString());
    assertThat(destroy.exitCode()).as(destroy.err()).isZero();
    assertThat(JSON.readTree(destroy.out()).get("deletedBlobObjects")).hasSize(blobs.size());
    assertThatThrownBy(() -> ledger.site(siteId)).isInstanceOfSatisfying(LedgerClientException.class,
        e -> assertThat(e.reason()).isEqualTo("SITE_NOT_FOUND"));
    assertThat(ownedBlobIds()).doesNotContainAnyElementsOf(blobs);
    assertThat(JSON.readTree(walrus("--json", "site", "list").out())).isEmpty();
  }

  private void assertEveryResourceReadsBack() throws IOException {
    List<SiteResource> resources = ledger.siteResources(siteId, null, 1000).resources();
    for (SiteResource r : resources) {
      Path local = site.resolve(r.path().substring(1));
      byte[] expected = Files.readAllBytes(local);
      QuiltPatchId patch = new QuiltPatchId(r.blobId(), QuiltPatchId.Internal.fromBytes(r.quiltPatch().orElseThrow()));
      byte[] read = client.readQuiltPatch(patch).data();
      assertThat(read).as(r.path()).isEqualTo(expected);
      assertThat(r.blobHash()).as(r.path()).isEqualTo(SiteDirectory.sha256(expected));
      assertThat(client.readQuiltFile(r.blobId(), r.path()).data()).isEqualTo(expected);
      quiltsSeen.add(r.blobId());
    }
  }

  private List<BlobObject> owned() throws IOException {
    try (WalrusClient mine = WalrusClient.builder().ledgerClient(ledger)
        .wallet(dev.walrus.cli.WalletFile.read(wallet)).build()) {
      return mine.listBlobs(false);
    }
  }

  private Set<BlobId> ownedBlobIds() throws IOException {
    Set<BlobId> out = new HashSet<>();
    owned().forEach(b -> out.add(b.blobId()));
    return out;
  }

  private ObjectId ownedObject(BlobId blob) throws IOException {
    return owned().stream().filter(b -> b.blobId().equals(blob)).findFirst().orElseThrow().id();
  }

  private JsonNode deploy() throws IOException {
    Run run = walrus("--json", "site", "deploy", site.toString(), "--epochs", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private record Run(int exitCode, String out, String err) {}

  /** {@code walrus args... --ledger URL --wallet FILE}, run in this JVM. */
  private Run walrus(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--ledger", network.ledgerUrl(), "--wallet", wallet.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = WalrusCli.execute(new Terminal(new PrintWriter(out), new PrintWriter(err), false, false),
        all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
