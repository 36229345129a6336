package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.cli.Terminal;
import dev.walrus.cli.WalrusCli;
import dev.walrus.client.QuiltMetadata;
import dev.walrus.client.QuiltStoreResult;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoredQuiltPatch;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.quilt.Quilt;
import dev.walrus.core.quilt.QuiltException;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.client.LedgerClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Quilts end to end on a local network of four in-process nodes and 10 shards: stored and read
 * back through the SDK (by patch ID, identifier and tag; listed) and through the {@code walrus}
 * verbs, including their JSON and their errors. The test that stops a node runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuiltRoundTripTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<QuiltFile> FILES = List.of(
      QuiltFile.of("walrus.txt", Map.of("kind", "text", "animal", "walrus"), "a walrus".getBytes(StandardCharsets.UTF_8)),
      QuiltFile.of("seal.txt", Map.of("kind", "text", "animal", "seal"), "a seal".getBytes(StandardCharsets.UTF_8)),
      QuiltFile.of("photo.bin", Map.of("kind", "binary"), TestBlobs.random(30_000, 1)),
      QuiltFile.of("empty", new byte[0]),
      QuiltFile.of("日本語.md", Map.of("lang", "ja"), "こんにちは".getBytes(StandardCharsets.UTF_8)));

  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private WalrusClient client;
  private Path wallet;
  private QuiltStoreResult stored;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 4, 10, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    Ed25519KeyPair funded = network.fundedWallet(50_000);
    client = WalrusClient.builder().ledgerClient(ledger).wallet(funded)
        .nodeRetries(3, Duration.ofMillis(100), Duration.ofMillis(500)).build();
    wallet = dir.resolve("cli.key");
    assertThat(walrus("wallet", "new").exitCode()).isZero();
    Address cli = Address.parse(walrus("wallet", "address").out().trim());
    assertThat(ledger.execute(funded, new Operation.Transfer(cli, 10_000L * 1_000_000_000L)).succeeded()).isTrue();
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

  @Order(1)
  @Test
  void sdkStoresAndReadsEachFileByPatchIdIdentifierAndTag() throws Exception {
    stored = client.storeQuilt(FILES, StoreOptions.defaults().withEpochs(2));
    assertThat(stored.blobStoreResult().isNewlyCreated()).isTrue();
    BlobId quiltId = stored.blobStoreResult().blobId();
    List<StoredQuiltPatch> patches = stored.storedQuiltBlobs();
    assertThat(patches).extracting(StoredQuiltPatch::identifier)
        .containsExactly("empty", "photo.bin", "seal.txt", "walrus.txt", "日本語.md");
    for (StoredQuiltPatch p : patches) {
      QuiltFile expected = file(p.identifier());
      assertThat(p.quiltPatchId().quiltId()).isEqualTo(quiltId);
      assertThat(client.readQuiltPatch(p.quiltPatchId())).isEqualTo(expected);
      assertThat(client.readQuiltFile(quiltId, p.identifier())).isEqualTo(expected);
    }
    assertThat(client.readQuiltByTag(quiltId, "kind", "text")).containsExactly(file("seal.txt"), file("walrus.txt"));
    assertThat(client.readQuiltByTag(quiltId, "animal", "narwhal")).isEmpty();
    assertThat(client.readQuilt(quiltId)).hasSize(FILES.size());

    QuiltMetadata listing = client.listQuiltPatches(quiltId);
    assertThat(listing.metadata().blobId()).isEqualTo(quiltId);
    assertThat(listing.patches()).isEqualTo(patches);
    // The quilt is an ordinary blob too, and labelled as a quilt on the ledger.
    Quilt whole = Quilt.fromBlob(EncodingConfig.forShards(10), client.read(quiltId));
    assertThat(whole.files()).containsExactlyInAnyOrderElementsOf(FILES);
    JsonNode attributes = ledger.object(stored.blobStoreResult().objectId()).fields().get("attributes");
    assertThat(attributes.get("_walrusBlobType").asString()).isEqualTo("quilt");

    assertThatThrownBy(() -> client.readQuiltFile(quiltId, "narwhal.txt")).isInstanceOfSatisfying(QuiltException.class,
        e -> assertThat(e.reason()).isEqualTo(QuiltException.Reason.PATCH_NOT_FOUND));
    assertThatThrownBy(() -> client.storeQuilt(List.of(FILES.get(0), FILES.get(0)), StoreOptions.defaults()))
        .isInstanceOfSatisfying(QuiltException.class,
            e -> assertThat(e.reason()).isEqualTo(QuiltException.Reason.DUPLICATE_IDENTIFIER));
  }

  @Order(2)
  @Test
  void cliStoresWithBlobsAndReadsBackInEveryWay() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.txt"), "alpha");
    Files.writeString(in.resolve("b.txt"), "bravo");
    Files.write(in.resolve("c.bin"), TestBlobs.random(5000, 2));
    Run store = walrus("--json", "store-quilt", "--epochs", "2",
        "--blobs", "{\"path\":\"" + in.resolve("a.txt") + "\",\"identifier\":\"first\",\"tags\":{\"group\":\"letters\"}}",
        "{\"path\":\"" + in.resolve("b.txt") + "\",\"tags\":{\"group\":\"letters\",\"n\":\"2\"}}",
        "{\"path\":\"" + in.resolve("c.bin") + "\"}");
    assertThat(store.exitCode()).as(store.err()).isZero();
    JsonNode result = JSON.readTree(store.out());
    JsonNode blobObject = result.at("/blobStoreResult/newlyCreated/blobObject");
    String quiltId = blobObject.get("blobId").asString();
    assertThat(blobObject.get("deletable").asBoolean()).isTrue();
    assertThat(blobObject.get("encodingType").asString()).isEqualTo("RS2");
    int epoch = ledger.committee().epoch();
    assertThat(blobObject.get("id").asString()).matches("0x[0-9a-f]{64}");
    assertThat(blobObject.get("registeredEpoch").asInt()).isEqualTo(epoch);
    assertThat(blobObject.get("certifiedEpoch").asInt()).isEqualTo(epoch);
    assertThat(blobObject.get("size").asLong()).isPositive().isEqualTo(client.read(BlobId.parse(blobObject.get("blobId").asString())).length);
    assertThat(blobObject.at("/storage/id").asString()).matches("0x[0-9a-f]{64}");
    assertThat(blobObject.at("/storage/startEpoch").asInt()).isEqualTo(epoch);
    assertThat(blobObject.at("/storage/endEpoch").asInt()).isEqualTo(epoch + 2);
    assertThat(blobObject.at("/storage/storageSize").asLong()).isEqualTo(
        result.at("/blobStoreResult/newlyCreated/resourceOperation/registerFromScratch/encodedLength").asLong());
    assertThat(result.at("/blobStoreResult/newlyCreated/cost").asLong()).isPositive();
    assertThat(result.at("/blobStoreResult/newlyCreated/resourceOperation/registerFromScratch/epochsAhead").asInt()).isEqualTo(2);
    JsonNode patches = result.get("storedQuiltBlobs");
    assertThat(patches).hasSize(3);
    List<String> ids = new ArrayList<>();
    patches.forEach(p -> ids.add(p.get("identifier").asString()));
    assertThat(ids).containsExactly("b.txt", "c.bin", "first");
    assertThat(patches.get(0).get("range")).hasSize(2);

    Path byId = dir.resolve("by-patch-id");
    Run read = walrus("read-quilt", "--quilt-patch-ids", patches.get(0).get("quiltPatchId").asString(),
        patches.get(2).get("quiltPatchId").asString(), "--out", byId.toString());
    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(read.out()).contains("Retrieved 2 blobs and saved to directory: " + byId).contains("1. Identifier: b.txt")
        .contains("     group: letters");
    assertThat(Files.readString(byId.resolve("b.txt"))).isEqualTo("bravo");
    assertThat(Files.readString(byId.resolve("first"))).isEqualTo("alpha");

    Path byName = dir.resolve("by-identifier");
    assertThat(walrus("read-quilt", "--quilt-id", quiltId, "--identifiers", "c.bin", "first", "--out", byName.toString())
        .exitCode()).isZero();
    assertThat(Files.readAllBytes(byName.resolve("c.bin"))).isEqualTo(Files.readAllBytes(in.resolve("c.bin")));
    assertThat(Files.readString(byName.resolve("first"))).isEqualTo("alpha");

    Path byTag = dir.resolve("by-tag");
    Run tagged = walrus("--json", "read-quilt", "--quilt-id", quiltId, "--tag", "group", "letters", "--out", byTag.toString());
    assertThat(tagged.exitCode()).as(tagged.err()).isZero();
    JsonNode taggedJson = JSON.readTree(tagged.out());
    assertThat(taggedJson.get("out").asString()).isEqualTo(byTag.toString());
    assertThat(taggedJson.get("retrievedBlobs")).hasSize(2);
    assertThat(taggedJson.at("/retrievedBlobs/0/blob")).isEmpty();
    assertThat(taggedJson.at("/retrievedBlobs/0/tags/n").asString()).isEqualTo("2");
    try (var listing = Files.list(byTag)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b.txt", "first");
    }

    Run inline = walrus("--json", "read-quilt", "--quilt-id", quiltId, "--identifier", "first");
    JsonNode blob = JSON.readTree(inline.out()).at("/retrievedBlobs/0/blob");
    assertThat(blob).hasSize(5);
    assertThat(blob.get(0).asInt()).isEqualTo('a');

    Run list = walrus("--json", "list-patches-in-quilt", quiltId);
    assertThat(list.exitCode()).as(list.err()).isZero();
    JsonNode v1 = JSON.readTree(list.out()).get("V1");
    assertThat(v1.get("quilt_id")).hasSize(32);
    assertThat(v1.at("/metadata/V1/encoding_type").asString()).isEqualTo("RS2");
    assertThat(v1.at("/metadata/V1/hashes")).hasSize(10);
    assertThat(v1.at("/index/quiltPatches/2/identifier").asString()).isEqualTo("first");
    assertThat(v1.at("/index/quiltPatches/2/tags/group").asString()).isEqualTo("letters");
    assertThat(v1.at("/index/quiltPatches/2/endIndex").asInt()).isEqualTo(patches.get(2).get("range").get(1).asInt());
    Run text = walrus("resolve-quilt", quiltId);
    assertThat(text.out()).contains("Quilt Metadata V1: " + quiltId).contains("QuiltPatchId")
        .contains(patches.get(1).get("quiltPatchId").asString());
  }

  @Order(3)
  @Test
  void cliStoresDirectoriesWithPaths() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(tree.getParent().resolve("top.txt"), "top");
    Files.writeString(tree.resolve("deep.txt"), "deep");
    Run store = walrus("store-quilt", "--paths", tree.getParent().toString(), "--epochs", "1", "--permanent");
    assertThat(store.exitCode()).as(store.err()).isZero();
    assertThat(store.out()).contains("Success: Permanent blob stored successfully.")
        .contains("Path: (quilt of ").contains("Sliver Range").contains("deep.txt")
        .contains("top.txt");
  }

  @Order(4)
  @Test
  void cliBadInputIsOneClearError() throws Exception {
    String quiltId = stored.blobStoreResult().blobId().toString();
    Path out = dir.resolve("never");
    assertThat(walrus("read-quilt", "--quilt-patch-ids", "not-a-patch-id", "--out", out.toString()).err())
        .startsWith("Error: invalid quilt patch ID 'not-a-patch-id'");
    assertThat(walrus("read-quilt", "--quilt-id", quiltId, "--identifiers", "walrus.txt", "narwhal", "--out", out.toString()).err())
        .startsWith("Error: quilt " + quiltId + " has no patch with identifier narwhal");
    assertThat(walrus("read-quilt", "--out", out.toString()).err()).startsWith("Error: give --quilt-id");
    assertThat(walrus("read-quilt", "--quilt-id", quiltId).err()).startsWith("Error: give --out DIR");
    assertThat(walrus("read-quilt", "--quilt-id", "short", "--out", out.toString()).err()).startsWith("Error: invalid blob ID");
    Path a = Files.writeString(dir.resolve("x.txt"), "x");
    assertThat(walrus("store-quilt", "--epochs", "1", "--blobs", "{\"path\":\"" + a + "\",\"tag\":{}}").err())
        .startsWith("Error: --blobs").contains("unknown field \"tag\"");
    assertThat(walrus("store-quilt", "--epochs", "1", "--blobs", "{\"path\":\"" + a + "\"}", "{\"path\":\"" + a + "\"}").err())
        .startsWith("Error: duplicate identifier 'x.txt'");
    assertThat(walrus("store-quilt", "--epochs", "1", "--blobs", "{\"path\":\"" + a + "\",\"identifier\":\"bad \"}").err())
        .startsWith("Error: invalid identifier: identifier contains trailing whitespace");
    assertThat(walrus("store-quilt", "--epochs", "zero", "--paths", a.toString()).err()).startsWith("Error: invalid epoch count 'zero'");
    assertThat(walrus("store-quilt", "--epochs", "1").err()).startsWith("Error: give either --paths or --blobs");
    assertThat(Files.exists(out)).isFalse();

    // A plain blob is not a quilt; an identifier with a slash is not saved as a file.
    BlobId plain = client.store(TestBlobs.random(2000, 3)).blobId();
    assertThat(walrus("list-patches-in-quilt", plain.toString()).err()).startsWith("Error: ");
    QuiltStoreResult nested = client.storeQuilt(List.of(QuiltFile.of("dir/file", new byte[] {1})), StoreOptions.defaults());
    assertThat(walrus("read-quilt", "--quilt-id", nested.blobStoreResult().blobId().toString(), "--out", out.toString()).err())
        .startsWith("Error: cannot save patch 'dir/file'");
    assertThat(Files.exists(out)).isFalse();
  }

  @Order(10)
  @Test
  void readsFallBackToTheWholeQuiltWhenAColumnIsUnreachable() {
    StoredQuiltPatch photo = stored.storedQuiltBlobs().stream().filter(p -> p.identifier().equals("photo.bin"))
        .findFirst().orElseThrow();
    BlobId quiltId = photo.quiltPatchId().quiltId();
    // Stop the node holding the patch's first column (secondary sliver = pair n−1−column).
    int pair = 10 - 1 - photo.startIndex();
    int shard = quiltId.shardForPair(pair, 10);
    Member holder = ledger.committee().members().stream().filter(m -> m.shards().contains(shard)).findFirst().orElseThrow();
    int index = network.nodes().stream().filter(s -> s.protocolKey().publicKey().equals(holder.publicKey()))
        .findFirst().orElseThrow().index();
    network.stopNode(index, false);
    assertThat(client.readQuiltPatch(photo.quiltPatchId())).isEqualTo(file("photo.bin"));
    assertThat(client.readQuiltByTag(quiltId, "kind", "binary")).containsExactly(file("photo.bin"));
  }

  private static QuiltFile file(String identifier) {
    return FILES.stream().filter(f -> f.identifier().equals(identifier)).findFirst().orElseThrow();
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
