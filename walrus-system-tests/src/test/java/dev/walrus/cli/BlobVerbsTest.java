package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.client.BlobObject;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.WalrusClient;
import dev.walrus.daemon.DaemonServer;
import dev.walrus.daemon.DaemonSettings;
import dev.walrus.daemon.RenewalSettings;
import dev.walrus.local.InProcessNodes;
import dev.walrus.local.LocalNetwork;
import dev.walrus.local.TestBlobs;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.client.LedgerClient;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The blob verbs through the command line against a whole network in this JVM: four nodes, ten
 * shards (f = 3), an embedded ledger, one-hour epochs. Tests that change the wallet's objects run
 * in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlobVerbsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int N_SHARDS = 10;

  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private Ed25519KeyPair key;
  private Path wallet;
  private int fileCounter;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 4, N_SHARDS, Duration.ofHours(1),
        new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    key = network.fundedWallet(100_000);
    wallet = dir.resolve("wallet.key");
    WalletFile.write(wallet, key, false);
  }

  @AfterAll
  void stop() {
    if (ledger != null) {
      ledger.close();
    }
    if (network != null) {
      network.close();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private String[] withNetwork(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--ledger", network.ledgerUrl(), "--wallet", wallet.toString()));
    return all.toArray(String[]::new);
  }

  private CliRun walrus(String... args) {
    return CliRun.run(withNetwork(args));
  }

  /** Runs a verb that must succeed. */
  private CliRun ok(String... args) {
    CliRun run = walrus(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  /** Runs a verb with {@code --json} that must succeed; its output parsed. */
  private JsonNode json(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    CliRun run = ok(all.toArray(String[]::new));
    return JSON.readTree(run.out());
  }

  private Path file(byte[] data) throws Exception {
    Path f = dir.resolve("file-" + (fileCounter++) + ".bin");
    Files.write(f, data);
    return f;
  }

  /** Stores one file with {@code --json}; its {@code blobStoreResult}. */
  private JsonNode store(Path f, String... options) {
    List<String> args = new ArrayList<>(List.of("store", f.toString()));
    args.addAll(List.of(options));
    JsonNode results = json(args.toArray(String[]::new));
    assertThat(results.size()).isEqualTo(1);
    assertThat(results.get(0).get("path").stringValue()).isEqualTo(f.toString());
    return results.get(0).get("blobStoreResult");
  }

  private static JsonNode created(JsonNode result) {
    assertThat(result.has("newlyCreated")).as(result.toString()).isTrue();
    return result.get("newlyCreated");
  }

  private int currentEpoch() {
    return ledger.system().epochInfo().currentEpoch();
  }

  private List<ObjectView> owned(String type) {
    return ledger.account(key.publicKey().toAddress()).objects().stream().filter(o -> o.type().equals(type)).toList();
  }

  private void assertOneErrorLine(CliRun run, int exitCode, String start) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.err()).startsWith("Error: " + start).endsWith("\n");
    assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
  }

  // ---- store and read -------------------------------------------------------------------------

  @Order(1)
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1 << 20})
  void storedFilesReadBackByteIdentical(int size) throws Exception {
    byte[] data = TestBlobs.random(size, size);
    Path f = file(data);
    JsonNode created = created(store(f, "--epochs", "2"));
    JsonNode blob = created.get("blobObject");
    String blobId = blob.get("blobId").stringValue();
    assertThat(blob.get("size").asLong()).isEqualTo(size);
    assertThat(blob.get("deletable").booleanValue()).isTrue();
    assertThat(blob.get("certifiedEpoch").asInt()).isEqualTo(currentEpoch());
    assertThat(blob.get("storage").get("endEpoch").asInt()).isEqualTo(currentEpoch() + 2);
    assertThat(created.get("resourceOperation").get("registerFromScratch").get("epochsAhead").asInt()).isEqualTo(2);
    assertThat(created.get("cost").asLong()).isPositive();

    Path out = dir.resolve("read-" + size + ".bin");
    CliRun toFile = ok("read", blobId, "--out", out.toString());
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
    assertThat(toFile.out()).isEqualTo("Success: Blob " + blobId + " reconstructed from Walrus and written to " + out
        + ".\n");
    assertThat(ok("read", blobId).outBytes()).isEqualTo(data);
    assertThat(ok("read", blobId, "--strict-consistency-check").outBytes()).isEqualTo(data);
    JsonNode read = json("read", blobId);
    assertThat(read.get("blobId").stringValue()).isEqualTo(blobId);
    byte[] decoded = read.has("blob") ? Base64.getDecoder().decode(read.get("blob").stringValue()) : new byte[0];
    assertThat(decoded).isEqualTo(data);
    JsonNode readToFile = json("read", blobId, "--out", out.toString(), "--skip-consistency-check");
    assertThat(readToFile.get("out").stringValue()).isEqualTo(out.toString());
    assertThat(readToFile.has("blob")).isFalse();
  }

  @Order(2)
  @Test
  void severalFilesInOneStore() throws Exception {
    Path a = file(TestBlobs.random(3000, 21));
    Path b = file(TestBlobs.random(5000, 22));
    Path c = file(TestBlobs.random(7000, 23));
    JsonNode results = json("store", a.toString(), b.toString(), c.toString(), "--epochs", "1");
    assertThat(results.size()).isEqualTo(3);
    List<Path> files = List.of(a, b, c);
    for (int i = 0; i < 3; i++) {
      assertThat(results.get(i).get("path").stringValue()).isEqualTo(files.get(i).toString());
      String id = created(results.get(i).get("blobStoreResult")).get("blobObject").get("blobId").stringValue();
      assertThat(ok("read", id).outBytes()).isEqualTo(Files.readAllBytes(files.get(i)));
    }

    Path d = file(TestBlobs.random(100, 24));
    Path e = file(TestBlobs.random(200, 25));
    CliRun text = ok("store", d.toString(), e.toString(), "--epochs", "1");
    assertThat(text.out()).contains("Success: Deletable blob stored successfully.\nPath: " + d + "\nBlob ID: ")
        .contains("Path: " + e).contains("Encoding type: RS2")
        .contains("(storage was purchased, and a new blob object was registered)")
        .contains("Summary for Modified or Created Blobs (2 newly certified)").contains("Total cost: ");
  }

  @Order(3)
  @Test
  void storingAgainIsAlreadyCertified() throws Exception {
    Path f = file(TestBlobs.random(20_000, 31));
    JsonNode first = created(store(f, "--epochs", "3", "--permanent"));
    assertThat(first.get("blobObject").get("deletable").booleanValue()).isFalse();
    JsonNode again = store(f, "--epochs", "2", "--permanent").get("alreadyCertified");
    assertThat(again).as("permanent: vouched for by the committee's status and its event").isNotNull();
    assertThat(again.get("blobId").stringValue()).isEqualTo(first.get("blobObject").get("blobId").stringValue());
    assertThat(again.get("event").get("txDigest").stringValue()).isNotEmpty();
    assertThat(again.get("endEpoch").asInt()).isEqualTo(currentEpoch() + 3);
    CliRun text = ok("store", f.toString(), "--epochs", "1", "--permanent");
    assertThat(text.out()).contains("Blob was already available and certified within Walrus")
        .contains("Certification event ID: (tx: ").contains("No blobs were modified or created");

    Path g = file(TestBlobs.random(20_000, 32));
    JsonNode deletable = created(store(g, "--epochs", "2"));
    JsonNode owned = store(g, "--epochs", "2").get("alreadyCertified");
    assertThat(owned).as("deletable: the wallet's own certified object").isNotNull();
    assertThat(owned.get("object").stringValue()).isEqualTo(deletable.get("blobObject").get("id").stringValue());

    JsonNode forced = created(store(g, "--epochs", "2", "--force"));
    assertThat(forced.get("blobObject").get("id").stringValue())
        .isNotEqualTo(deletable.get("blobObject").get("id").stringValue());
  }

  @Order(4)
  @Test
  void aTooShortOwnedBlobIsExtended() throws Exception {
    Path f = file(TestBlobs.random(4000, 41));
    JsonNode first = created(store(f, "--epochs", "1"));
    JsonNode longer = created(store(f, "--epochs", "3"));
    assertThat(longer.get("resourceOperation").get("reuseAndExtend").get("epochsExtended").asInt()).isEqualTo(2);
    assertThat(longer.get("blobObject").get("id")).isEqualTo(first.get("blobObject").get("id"));
    assertThat(longer.get("blobObject").get("storage").get("endEpoch").asInt()).isEqualTo(currentEpoch() + 3);
    assertThat(longer.get("cost").asLong()).isPositive();
  }

  @Order(4)
  @Test
  void blobAttributesAreSetReadAndRemovedWithWalrussVerbs() throws Exception {
    String id = created(store(file(TestBlobs.random(3000, 44)), "--epochs", "2")).get("blobObject").get("id")
        .asString();
    assertThat(ok("get-blob-attribute", id).out()).contains("No attribute found");
    ok("set-blob-attribute", id, "--attr", "content-type", "text/plain", "--attr", "owner", "alice");
    assertThat(ok("get-blob-attribute", id).out()).contains("content-type: text/plain").contains("owner: alice");
    assertThat(json("get-blob-attribute", id).get("attribute").get("owner").asString()).isEqualTo("alice");
    ok("remove-blob-attribute-fields", id, "--keys", "owner");
    assertThat(ok("get-blob-attribute", id).out()).contains("content-type").doesNotContain("owner");
    assertOneErrorLine(walrus("remove-blob-attribute-fields", id, "--keys", "nope"), 1,
        "the blob object " + id + " has no attribute nope");
    ok("remove-blob-attribute", id);
    assertThat(json("get-blob-attribute", id).path("attribute").isObject()).isFalse();
    assertOneErrorLine(walrus("remove-blob-attribute", id), 1, "the blob object " + id + " has no attributes");
    assertOneErrorLine(walrus("get-blob-attribute", "0xnot-an-id"), 1, "");
  }

  @Order(4)
  @Test
  void shareFundBurnAndListStakedWalAsWalrusNamesThem() throws Exception {
    String toShare = created(store(file(TestBlobs.random(2500, 45)), "--epochs", "2")).get("blobObject").get("id")
        .asString();
    JsonNode shared = json("share", "--blob-obj-id", toShare, "--amount", "0.001WAL");
    String sharedId = shared.get("sharedBlobObjectId").asString();
    assertThat(ledger.object(dev.walrus.core.ObjectId.parse(sharedId)).type()).isEqualTo("SharedBlobObject");
    assertThat(ok("fund-shared-blob", "--shared-blob-obj-id", sharedId, "--amount", "1000").out())
        .contains("funded the shared blob " + sharedId);

    String toBurn = created(store(file(TestBlobs.random(2600, 46)), "--epochs", "2")).get("blobObject").get("id")
        .asString();
    CliRun asked = CliRun.withInput("n\n", withNetwork("burn-blobs", "--object-ids", toBurn));
    assertThat(asked.exitCode()).isEqualTo(1);
    assertThat(asked.out()).contains(toBurn).contains("Cancelled.");
    assertThat(owned("BlobObject")).anyMatch(o -> o.id().toString().equals(toBurn));
    ok("burn-blobs", "--object-ids", toBurn, "--yes");
    assertThat(owned("BlobObject")).noneMatch(o -> o.id().toString().equals(toBurn));
    assertThat(ok("list-staked-wal").out()).contains("The wallet holds no staked WAL.");
  }

  @Order(4)
  @Test
  void healthAsksTheNodesWalrussSelectorsName() throws Exception {
    int members = ledger.committee().members().size();
    JsonNode rows = json("health", "--detail", "--sort-by", "status");
    assertThat(rows.size()).isEqualTo(members);
    for (JsonNode r : rows) {
      assertThat(r.path("health").isObject()).as(r.toString()).isTrue();
      assertThat(r.path("health").path("shardSummary").path("owned").asInt()).isPositive();
    }
    assertThat(json("health", "--committee").size()).isEqualTo(members);
    // The active set is every staked node eligible for the next committee, as the ledger lists it. It
    // holds four nodes here: a node staked now with more than the others takes a place in it, but
    // joins the committee only at the next epoch (an hour away).
    String joiner = network.addNode(6_000).name();
    List<String> activeSet = ledger.staking().pools().stream().filter(p -> p.inActiveSet())
        .map(p -> p.nodeId().toString()).sorted().toList();
    String joinerId = ledger.staking().pools().stream().filter(p -> p.name().equals(joiner)).findFirst()
        .orElseThrow().nodeId().toString();
    assertThat(activeSet).hasSize(members).contains(joinerId);
    assertThat(ids(json("health", "--committee"), "nodeId")).doesNotContain(joinerId);
    List<String> answered = new ArrayList<>();
    json("health", "--active-set", "--sort-by", "id").forEach(r -> {
      assertThat(r.path("health").isObject()).as(r.toString()).isTrue();
      answered.add(r.path("nodeId").stringValue());
    });
    assertThat(answered).isEqualTo(activeSet);
    assertThat(ok("health", "--active-set").out()).contains("(active set of epoch " + currentEpoch() + ", "
        + activeSet.size() + " nodes)");

    String first = ledger.committee().members().getFirst().nodeId().toString();
    CliRun one = ok("health", "--node-ids", first, "--detail");
    assertThat(one.out()).contains("Storage node health").contains(first).contains("shards owned").contains("ready ");
    var second = ledger.committee().members().stream().filter(m -> activeSet.contains(m.nodeId().toString()))
        .reduce((a, b) -> b).orElseThrow();
    JsonNode byUrl = json("health", "--node-url", "https://" + second.networkAddress());
    assertThat(byUrl.size()).isEqualTo(1);
    assertThat(byUrl.get(0).path("nodeId").stringValue()).isEqualTo(second.nodeId().toString());

    assertOneErrorLine(walrus("health", "--node-ids", "0x" + "11".repeat(32)), 1,
        "no storage node is registered with ID 0x" + "11".repeat(32));
    assertOneErrorLine(walrus("health", "--node-urls", "127.0.0.1:1"), 1,
        "no node of the active set has the network address 127.0.0.1:1");
    assertOneErrorLine(walrus("health", "--committee", "--active-set"), 1,
        "give only one of --node-ids, --node-urls, --committee or --active-set");
    assertOneErrorLine(walrus("health", "--sort-by", "colour"), 1, "--sort-by must be name, id, url or status");
  }

  @Order(5)
  @Test
  void aRegisteredButUncertifiedBlobIsReused() throws Exception {
    byte[] data = TestBlobs.random(9000, 51);
    Path f = file(data);
    ObjectId registered = registerOnly(data, 2);
    JsonNode reused = created(store(f, "--epochs", "2"));
    assertThat(reused.get("resourceOperation").has("reuseRegistration")).as(reused.toString()).isTrue();
    assertThat(reused.get("blobObject").get("id").stringValue()).isEqualTo(registered.toString());
    assertThat(reused.get("blobObject").get("certifiedEpoch").isNull()).isFalse();
    assertThat(reused.get("cost").asLong()).isZero();
    assertThat(ok("read", reused.get("blobObject").get("blobId").stringValue()).outBytes()).isEqualTo(data);

    // Registered for too short: certified, then extended.
    byte[] other = TestBlobs.random(9000, 52);
    ObjectId shortLived = registerOnly(other, 1);
    JsonNode extended = created(store(file(other), "--epochs", "3"));
    assertThat(extended.get("resourceOperation").get("reuseAndExtendNonCertified").get("epochsExtended").asInt())
        .isEqualTo(2);
    assertThat(extended.get("blobObject").get("id").stringValue()).isEqualTo(shortLived.toString());
    assertThat(extended.get("blobObject").get("storage").get("endEpoch").asInt()).isEqualTo(currentEpoch() + 3);
  }

  /** Reserves storage and registers {@code data} as a deletable blob, without uploading or certifying. */
  private ObjectId registerOnly(byte[] data, int epochs) {
    BlobMetadataWithId metadata = new BlobEncoder(EncodingConfig.forShards(N_SHARDS))
        .computeMetadata(MemorySegment.ofArray(data));
    long encoded = EncodingConfig.forShards(N_SHARDS).encodedLength(data.length);
    ObjectId storage = TestBlobs.ok(ledger.execute(key, new Operation.ReserveSpace(encoded, epochs))).created()
        .getFirst();
    return TestBlobs.ok(ledger.execute(key, new Operation.RegisterBlob(storage, metadata.blobId(),
        metadata.rootHash().bytes(), data.length, EncodingType.RS2.value(), true))).created().getFirst();
  }

  @Order(6)
  @Test
  void deletedBlobIsNotFoundAndItsStorageIsReused() throws Exception {
    Path big = file(TestBlobs.random(1 << 20, 61));
    JsonNode stored = created(store(big, "--epochs", "3"));
    String blobId = stored.get("blobObject").get("blobId").stringValue();
    String object = stored.get("blobObject").get("id").stringValue();
    long bigStorage = stored.get("blobObject").get("storage").get("storageSize").asLong();

    JsonNode deleted = json("delete", "--blob-id", blobId, "--yes");
    assertThat(deleted.size()).isEqualTo(1);
    assertThat(deleted.get(0).get("blobIdentity").get("blobId").stringValue()).isEqualTo(blobId);
    assertThat(deleted.get(0).get("deletedBlobs").get(0).get("id").stringValue()).isEqualTo(object);
    assertThat(deleted.get(0).get("noBlobFound").booleanValue()).isFalse();
    assertThat(deleted.get(0).has("postDeletionStatus")).isTrue();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertOneErrorLine(walrus("read", blobId), 1, "blob " + blobId + " not found"));
    assertThat(json("blob-status", "--blob-id", blobId, "--timeout", "10s").get("status").stringValue())
        .isEqualTo("nonexistent");
    assertThat(json("delete", "--blob-id", blobId, "--yes").get(0).get("noBlobFound").booleanValue()).isTrue();

    // The Storage came back to the wallet: the next store uses it, split to size.
    assertThat(owned("StorageResource")).hasSize(1);
    Path small = file(TestBlobs.random(500, 62));
    JsonNode reused = created(store(small, "--epochs", "2"));
    long encoded = reused.get("resourceOperation").get("reuseStorage").get("encodedLength").asLong();
    assertThat(reused.get("blobObject").get("storage").get("storageSize").asLong()).isEqualTo(encoded);
    assertThat(reused.get("blobObject").get("storage").get("endEpoch").asInt()).isEqualTo(currentEpoch() + 3);
    assertThat(owned("StorageResource")).singleElement()
        .satisfies(rest -> assertThat(rest.fields().get("size").asLong()).isEqualTo(bigStorage - encoded));
    assertThat(ok("read", reused.get("blobObject").get("blobId").stringValue()).outBytes())
        .isEqualTo(Files.readAllBytes(small));
    JsonNode ignoring = created(store(file(TestBlobs.random(500, 63)), "--epochs", "2", "--ignore-resources"));
    assertThat(ignoring.get("resourceOperation").has("registerFromScratch")).isTrue();
  }

  @Order(7)
  @Test
  void deleteByObjectIdAndByFileAsksUnlessYes() throws Exception {
    Path f = file(TestBlobs.random(700, 71));
    JsonNode stored = created(store(f, "--epochs", "1"));
    String object = stored.get("blobObject").get("id").stringValue();
    CliRun declined = CliRun.withInput("n\n", withNetwork("delete", "--file", f.toString()));
    assertThat(declined.out()).contains("The following blobs with blob ID").contains(object)
        .contains("Do you want to proceed? [y/N]").contains("Operation aborted. No blobs were deleted.");
    CliRun byObject = ok("delete", "--object-id", object);
    assertThat(byObject.out()).contains("Success: The following objects were deleted:").contains(object)
        .contains("All 1 deletion operations completed successfully.");
  }

  // ---- lifecycle and listing ------------------------------------------------------------------

  @Order(10)
  @Test
  void extendMovesTheEndEpochAndListBlobsShowsIt() throws Exception {
    JsonNode stored = created(store(file(TestBlobs.random(1200, 81)), "--epochs", "1"));
    String object = stored.get("blobObject").get("id").stringValue();
    int end = stored.get("blobObject").get("storage").get("endEpoch").asInt();
    JsonNode extended = json("extend", "--blob-obj-id", object, "--epochs-extended", "2");
    assertThat(extended.get("epochsExtended").asInt()).isEqualTo(2);
    assertThat(extended.get("endEpoch").asInt()).isEqualTo(end + 2);

    JsonNode listed = json("list-blobs");
    JsonNode mine = null;
    for (JsonNode b : listed) {
      if (b.get("id").stringValue().equals(object)) {
        mine = b;
      }
    }
    assertThat(mine).as(listed.toString()).isNotNull();
    assertThat(mine.get("storage").get("endEpoch").asInt()).isEqualTo(end + 2);
    assertThat(listed.size()).isEqualTo(owned("BlobObject").size());
    CliRun table = ok("list-blobs", "--include-expired");
    assertThat(table.out()).startsWith("Blob ID").contains("Exp. epoch").contains(object)
        .contains(stored.get("blobObject").get("blobId").stringValue());
    assertOneErrorLine(walrus("extend", "--blob-obj-id", "0x" + "12".repeat(32), "--epochs-extended", "1"), 1,
        "extend_blob failed");
  }

  @Order(12)
  @Test
  void manyBlobsAreExtendedInBatchesAndListBlobsFiltersByExpiry() throws Exception {
    int now = currentEpoch();
    // 67 blobs ending next epoch: after two are extended by file, 65 remain, one more than a batch holds.
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 67; i++) {
      files.add(file(TestBlobs.random(100 + i, 1000 + i)));
    }
    List<String> store = new ArrayList<>(List.of("store"));
    files.forEach(f -> store.add(f.toString()));
    // Fresh storage: the wallet's left-over resources from earlier tests may run longer.
    store.addAll(List.of("--epochs", "1", "--ignore-resources"));
    List<String> stored = new ArrayList<>();
    json(store.toArray(String[]::new)).forEach(r -> stored.add(
        created(r.get("blobStoreResult")).get("blobObject").get("id").stringValue()));
    assertThat(stored).hasSize(67);
    String longLived = created(store(file(TestBlobs.random(150, 1100)), "--epochs", "3")).get("blobObject")
        .get("id").stringValue();

    List<JsonNode> all = new ArrayList<>();
    json("list-blobs").forEach(all::add);
    List<String> dueSoon = all.stream().filter(b -> b.get("storage").get("endEpoch").asInt() <= now + 1)
        .map(b -> b.get("id").stringValue()).sorted().toList();
    assertThat(dueSoon).containsAll(stored).doesNotContain(longLived);
    assertThat(ids(json("list-blobs", "--expiring-within", "1"))).isEqualTo(dueSoon);
    assertThat(ok("list-blobs", "--expiring-within", "1").out()).contains("Exp. epoch").contains(stored.getFirst());

    JsonNode byFile = json("extend", "--file", files.get(0).toString(), files.get(1).toString(),
        "--epochs-extended", "3");
    assertThat(byFile.get("transactions").asInt()).isEqualTo(1);
    assertThat(byFile.get("storageCost").asLong()).isPositive();
    assertThat(ids(byFile.get("blobs"), "objectId")).containsExactlyInAnyOrder(stored.get(0), stored.get(1));
    byFile.get("blobs").forEach(b -> assertThat(b.get("endEpoch").asInt()).isEqualTo(now + 4));

    List<String> certifiedDue = all.stream().filter(b -> b.get("storage").get("endEpoch").asInt() <= now + 1)
        .filter(b -> b.path("certifiedEpoch").isNumber()).map(b -> b.get("id").stringValue())
        .filter(id -> !id.equals(stored.get(0)) && !id.equals(stored.get(1))).sorted().toList();
    assertThat(certifiedDue.size()).isGreaterThan(64);
    JsonNode renewed = json("extend", "--all-expiring-within", "1", "--epochs-extended", "2");
    assertThat(renewed.get("transactions").asInt()).isEqualTo((certifiedDue.size() + 63) / 64);
    assertThat(ids(renewed.get("blobs"), "objectId")).isEqualTo(certifiedDue);
    renewed.get("blobs").forEach(b -> assertThat(b.get("endEpoch").asInt()).as(b.toString()).isGreaterThan(now + 2));
    assertThat(ids(json("list-blobs", "--expiring-within", "1"))).doesNotContainAnyElementsOf(certifiedDue);

    CliRun none = ok("extend", "--all-expiring-within", "0", "--epochs-extended", "1");
    assertThat(none.out()).contains("Extended 0 blobs by 1 epochs in 0 transactions");
    CliRun text = ok("extend", "--blob-obj-id", stored.get(2), "--blob-obj-id", stored.get(3), "--epochs-extended", "1");
    assertThat(text.out()).contains(stored.get(2)).contains("Extended 2 blobs by 1 epochs in 1 transactions");

    assertOneErrorLine(walrus("extend", "--epochs-extended", "1"), 1,
        "give exactly one of --blob-obj-id, --file or --all-expiring-within");
    assertOneErrorLine(walrus("extend", "--file", dir.resolve("absent.bin").toString(), "--epochs-extended", "1"), 1,
        "no such file");
    assertOneErrorLine(walrus("extend", "--file", file(TestBlobs.random(90, 99)).toString(), "--epochs-extended", "1"),
        1, "the wallet owns no certified, unexpired blob object of");
    assertOneErrorLine(walrus("list-blobs", "--expiring-within", "-1"), 1, "--expiring-within must not be negative");
  }

  @Order(13)
  @Test
  void theDaemonRenewsItsWalletsBlobsUntilItsBudgetIsSpent() throws Exception {
    Ed25519KeyPair owner = network.fundedWallet(10_000);
    int now = currentEpoch();
    List<ObjectId> due = new ArrayList<>();
    ObjectId later;
    try (WalrusClient client = WalrusClient.builder().ledgerClient(ledger).wallet(owner).build()) {
      for (int i = 0; i < 3; i++) {
        due.add(client.store(TestBlobs.random(300, 300 + i), StoreOptions.defaults().withEpochs(1)).objectId());
      }
      later = client.store(TestBlobs.random(300, 310), StoreOptions.defaults().withEpochs(5)).objectId();
    }
    long perBlob = ledger.cost(300, 2).storageCost();
    assertThat(perBlob).isPositive();
    // Enough for two of the three blobs due: two are renewed, then renewal stops for good.
    DaemonSettings settings = DaemonSettings.builder().services(false, true)
        .bindAddress(new InetSocketAddress("127.0.0.1", 0)).metricsAddress(new InetSocketAddress("127.0.0.1", 0))
        .renewal(new RenewalSettings(1, 2, 2 * perBlob + perBlob / 2, Duration.ofMillis(200))).build();
    try (WalrusClient walrus = WalrusClient.builder().ledgerClient(ledger).wallet(owner).build();
        DaemonServer daemon = DaemonServer.start(settings, walrus, ledger, owner)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> endEpochs(due).stream().filter(e -> e == now + 3).count() == 2);
      String metrics;
      try (HttpClient http = HttpClient.newHttpClient()) {
        metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.metricsPort() + "/metrics"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
      }
      assertThat(metrics).contains("walrus_daemon_renewal_blobs_total 2.0").contains("walrus_daemon_renewal_spent_frost_total");
      Thread.sleep(1_000);
      assertThat(endEpochs(due)).containsExactlyInAnyOrder(now + 3, now + 3, now + 1);
      assertThat(endEpochs(List.of(later))).containsExactly(now + 5);
    }
    assertOneErrorLine(walrus("daemon", "--auto-extend-within", "1", "--bind-address", "127.0.0.1:0"), 1,
        "renewal needs all of --auto-extend-within, --auto-extend-epochs and --auto-extend-budget");
    assertOneErrorLine(walrus("publisher", "--auto-extend-within", "0", "--auto-extend-epochs", "1",
        "--auto-extend-budget", "1WAL", "--bind-address", "127.0.0.1:0"), 1, "auto-extend needs at least 1 epoch");
  }

  private List<Integer> endEpochs(List<ObjectId> objects) {
    List<Integer> ends = new ArrayList<>();
    for (ObjectId id : objects) {
      ends.add(BlobObject.fromLedger(ledger.object(id)).endEpoch());
    }
    return ends;
  }

  private static List<String> ids(JsonNode array) {
    return ids(array, "id");
  }

  private static List<String> ids(JsonNode array, String field) {
    List<String> ids = new ArrayList<>();
    array.forEach(b -> ids.add(b.get(field).stringValue()));
    return ids.stream().sorted().toList();
  }

  @Order(11)
  @Test
  void blobStatusByIdAndFile() throws Exception {
    Path f = file(TestBlobs.random(6000, 91));
    JsonNode blob = created(store(f, "--epochs", "2", "--permanent")).get("blobObject");
    String blobId = blob.get("blobId").stringValue();
    JsonNode status = json("blob-status", "--blob-id", blobId, "--timeout", "10s");
    assertThat(status.get("blobId").stringValue()).isEqualTo(blobId);
    JsonNode permanent = status.get("status").get("permanent");
    assertThat(permanent.get("isCertified").booleanValue()).isTrue();
    assertThat(permanent.get("endEpoch").asInt()).isEqualTo(blob.get("storage").get("endEpoch").asInt());
    Instant expiry = Instant.parse(status.get("estimatedExpiryTimestamp").stringValue());
    assertThat(expiry).isAfter(Instant.now());

    JsonNode byFile = json("blob-status", "--file", f.toString(), "--timeout", "10s");
    assertThat(byFile.get("blobId").stringValue()).isEqualTo(blobId);
    assertThat(byFile.get("file").stringValue()).isEqualTo(f.toString());
    assertThat(ok("blob-status", "--file", f.toString(), "--timeout", "10s").out())
        .startsWith("There is a certified permanent Blob object for blob ID " + blobId + " (file: " + f + ").")
        .contains("Expiry epoch: ").contains("Related event: (tx: ");

    String unknown = BlobId.of(TestBlobs.random(32, 92)).toString();
    assertThat(ok("blob-status", "--blob-id", unknown, "--timeout", "10s").out())
        .isEqualTo("Blob ID " + unknown + " is not stored on Walrus.\n");
  }

  // ---- other store options --------------------------------------------------------------------

  @Order(20)
  @Test
  void dryRunEncodesAndPricesWithoutATransaction() throws Exception {
    Path f = file(TestBlobs.random(2500, 101));
    long sequence = ledger.account(key.publicKey().toAddress()).nextSequence();
    JsonNode runs = json("store", f.toString(), "--epochs", "2", "--dry-run");
    JsonNode run = runs.get(0);
    assertThat(run.get("path").stringValue()).isEqualTo(f.toString());
    assertThat(run.get("unencodedSize").asLong()).isEqualTo(2500);
    assertThat(run.get("encodedSize").asLong())
        .isEqualTo(EncodingConfig.forShards(N_SHARDS).encodedLength(2500));
    assertThat(run.get("storageCost").asLong()).isEqualTo(ledger.cost(2500, 2).totalCost());
    assertThat(run.get("encodingType").stringValue()).isEqualTo("RS2");
    CliRun blobId = CliRun.run("blob-id", f.toString(), "--n-shards", String.valueOf(N_SHARDS), "--json");
    assertThat(run.get("blobId").stringValue()).isEqualTo(JSON.readTree(blobId.out()).get("blobId").stringValue());
    assertThat(ledger.account(key.publicKey().toAddress()).nextSequence()).isEqualTo(sequence);
  }

  @Order(21)
  @Test
  void sharedPermanentBlob() throws Exception {
    JsonNode created = created(store(file(TestBlobs.random(800, 111)), "--epochs", "2", "--permanent", "--share"));
    String shared = created.get("sharedBlobObject").stringValue();
    assertThat(ledger.object(ObjectId.parse(shared)).type()).isEqualTo("SharedBlobObject");
    // Anyone may fund a shared blob; extending it spends the funds.
    TestBlobs.ok(ledger.execute(key, new Operation.FundSharedBlob(ObjectId.parse(shared), 10_000_000_000L)));
    JsonNode extended = json("extend", "--blob-obj-id", shared, "--epochs-extended", "1", "--shared");
    assertThat(extended.get("endEpoch").asInt())
        .isEqualTo(created.get("blobObject").get("storage").get("endEpoch").asInt() + 1);
  }

  @Order(22)
  @Test
  void lifetimeByEndEpochExpiryTimeOrMax() throws Exception {
    // New storage each time: owned storage that lasts longer would be reused, and lengthen the blobs.
    int current = currentEpoch();
    SystemInfoView system = ledger.system();
    JsonNode byEnd = created(store(file(TestBlobs.random(300, 121)), "--end-epoch", String.valueOf(current + 4),
        "--ignore-resources"));
    assertThat(byEnd.get("blobObject").get("storage").get("endEpoch").asInt()).isEqualTo(current + 4);
    // The network started minutes ago with one-hour epochs: 90 minutes from now ends in the second epoch ahead.
    String in90Minutes = Instant.now().plus(Duration.ofMinutes(90)).toString();
    JsonNode byTime = created(store(file(TestBlobs.random(300, 122)), "--earliest-expiry-time", in90Minutes,
        "--ignore-resources"));
    assertThat(byTime.get("blobObject").get("storage").get("endEpoch").asInt()).isEqualTo(current + 2);
    JsonNode max = created(store(file(TestBlobs.random(300, 123)), "--epochs", "max", "--ignore-resources"));
    assertThat(max.get("blobObject").get("storage").get("endEpoch").asInt())
        .isEqualTo(current + system.epochInfo().maxEpochsAhead());
  }

  @Order(23)
  @Test
  void progressBarsGoToStandardErrorOnly() throws Exception {
    byte[] data = TestBlobs.random(300_000, 131);
    Path f = file(data);
    CliRun stored = CliRun.run("", true, withNetwork("store", f.toString(), "--epochs", "1"));
    assertThat(stored.exitCode()).as(stored.err()).isZero();
    assertThat(stored.err()).contains("Uploading " + f.getFileName()).contains("MiB").endsWith("\n");
    assertThat(stored.out()).startsWith("Success: Deletable blob stored successfully.");
    String blobId = stored.out().lines().filter(l -> l.startsWith("Blob ID: ")).findFirst().orElseThrow()
        .substring("Blob ID: ".length());
    Path out = dir.resolve("progress.bin");
    CliRun read = CliRun.run("", true, withNetwork("read", blobId, "--out", out.toString()));
    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(read.err()).contains("Reading blob").contains("100%");
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
    CliRun toStdout = CliRun.run("", true, withNetwork("read", blobId));
    assertThat(toStdout.outBytes()).isEqualTo(data);
  }

  // ---- walrus json ----------------------------------------------------------------------------

  @Order(30)
  @Test
  void jsonCommandsForStoreReadAndStatus() throws Exception {
    byte[] data = TestBlobs.random(4321, 141);
    Path f = file(data);
    String globals = "\"ledger\":\"" + network.ledgerUrl() + "\",\"wallet\":\"" + wallet + "\"";
    CliRun stored = CliRun.run("json", "{" + globals + ",\"command\":{\"store\":{\"files\":[\"" + f
        + "\"],\"epochs\":2,\"permanent\":true}}}");
    assertThat(stored.exitCode()).as(stored.err()).isZero();
    JsonNode result = JSON.readTree(stored.out()).get(0).get("blobStoreResult");
    String blobId = created(result).get("blobObject").get("blobId").stringValue();

    CliRun read = CliRun.run("json", "{" + globals + ",\"command\":{\"read\":{\"blobId\":\"" + blobId + "\"}}}");
    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(Base64.getDecoder().decode(JSON.readTree(read.out()).get("blob").stringValue())).isEqualTo(data);

    CliRun status = CliRun.withInput("{" + globals + ",\"command\":{\"blobStatus\":{\"blobId\":\"" + blobId
        + "\",\"timeout\":\"10s\"}}}", "json");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(JSON.readTree(status.out()).get("status").get("permanent").get("isCertified").booleanValue()).isTrue();

    // The new verbs and flags by Walrus's JSON names too.
    CliRun health = CliRun.run("json", "{" + globals + ",\"command\":{\"health\":{\"activeSet\":true,"
        + "\"sortBy\":\"id\",\"concurrentRequests\":2}}}");
    assertThat(health.exitCode()).as(health.err()).isZero();
    assertThat(JSON.readTree(health.out()).size()).isEqualTo(ledger.committee().members().size());
    CliRun expiring = CliRun.run("json", "{" + globals + ",\"command\":{\"listBlobs\":{\"expiringWithin\":2}}}");
    assertThat(expiring.exitCode()).as(expiring.err()).isZero();
    JSON.readTree(expiring.out()).forEach(b -> assertThat(b.get("storage").get("endEpoch").asInt())
        .isLessThanOrEqualTo(currentEpoch() + 2));
    CliRun extendNone = CliRun.run("json", "{" + globals + ",\"command\":{\"extend\":{\"allExpiringWithin\":0,"
        + "\"epochsExtended\":1}}}");
    assertThat(extendNone.exitCode()).as(extendNone.err()).isZero();
    assertThat(JSON.readTree(extendNone.out()).get("transactions").asInt()).isZero();

    CliRun info = CliRun.run("json", "{" + globals + ",\"command\":{\"info\":{}}}");
    assertThat(JSON.readTree(info.out()).get("storageInfo").get("nShards").asInt()).isEqualTo(N_SHARDS);

    CliRun missing = CliRun.run("json", "{" + globals + ",\"command\":{\"read\":{\"blobId\":\""
        + BlobId.of(TestBlobs.random(32, 142)) + "\"}}}");
    assertOneErrorLine(missing, 1, "blob ");
    assertThat(missing.out()).isEmpty();
  }

  // ---- bad input ------------------------------------------------------------------------------

  @Order(40)
  @Test
  void badInputIsOneErrorLine() throws Exception {
    Path f = file(TestBlobs.random(10, 151));
    assertOneErrorLine(walrus("read", "not-a-blob-id"), 1,
        "invalid blob ID 'not-a-blob-id': expected 43 characters of URL-safe base64");
    String unknown = BlobId.of(TestBlobs.random(32, 152)).toString();
    assertOneErrorLine(walrus("read", unknown), 1, "blob " + unknown + " not found");
    assertOneErrorLine(walrus("store", f.toString(), "--epochs", "1", "--end-epoch", "5"), 2,
        "--epochs=N|max, --end-epoch=EPOCH are mutually exclusive");
    assertOneErrorLine(walrus("store", f.toString()), 2, "Missing required argument");
    assertOneErrorLine(walrus("store", dir.resolve("missing.bin").toString(), "--epochs", "1"), 1,
        "no such file: " + dir.resolve("missing.bin"));
    assertOneErrorLine(walrus("store", dir.toString(), "--epochs", "1"), 1, "'" + dir + "' is a directory");
    assertOneErrorLine(walrus("store", f.toString(), "--epochs", "0"), 1, "invalid epoch count '0'");
    assertOneErrorLine(walrus("store", f.toString(), "--epochs", "1000"), 1,
        "blobs can only be stored for up to");
    assertOneErrorLine(walrus("store", f.toString(), "--epochs", "1", "--share"), 1,
        "only permanent blobs can be shared");
    assertOneErrorLine(walrus("store", f.toString(), "--epochs", "1", "--permanent", "--deletable"), 2,
        "--permanent, --deletable are mutually exclusive");
    assertOneErrorLine(walrus("delete", "--yes"), 1, "no files, blob IDs, or object IDs specified");
    assertOneErrorLine(walrus("blob-status", "--blob-id", unknown, "--file", f.toString()), 2,
        "--blob-id=BLOB_ID, --file=FILE are mutually exclusive");
    assertOneErrorLine(walrus("blob-status", "--blob-id", unknown, "--timeout", "soon"), 1,
        "'soon' is not a duration");
    assertOneErrorLine(CliRun.run("convert-blob-id", "12x"), 1, "'12x' is not a decimal number");
  }

  @Test
  void convertBlobIdReadsTheLittleEndianU256() {
    BlobId id = BlobId.of(TestBlobs.random(32, 161));
    CliRun run = CliRun.run("convert-blob-id", id.toU256().toString());
    assertThat(run.out()).isEqualTo("Walrus blob ID: " + id + "\n");
  }
}
