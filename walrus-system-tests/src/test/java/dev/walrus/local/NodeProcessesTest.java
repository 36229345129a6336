package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.BlobId;
import dev.walrus.client.BlobNotFoundException;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.SliverPairMetadata;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.client.StorageNodeException;
import java.nio.file.Files;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Storage nodes as separate processes on loopback, as a user runs them: writes and reads with a
 * node stopped, a node killed with SIGKILL during uploads, and a node whose store was corrupted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeProcessesTest {
  /** Kept after the run (under target/) so the node logs can be read when it fails. */
  private final Path dir = Path.of("target", "node-processes-test-" + ProcessHandle.current().pid());

  private LocalNetwork network;
  private LedgerClient ledger;
  private StorageNodeClients clients;
  private Ed25519KeyPair wallet;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir, 5, 10, Duration.ofHours(1), new ProcessNodes(Duration.ofMillis(500), "384m"));
    ledger = network.ledgerClient();
    clients = StorageNodeClients.create();
    wallet = network.fundedWallet(100_000);
  }

  @AfterAll
  void stop() {
    if (clients != null) {
      clients.close();
      ledger.close();
    }
    if (network != null) {
      network.close();
    }
  }

  /** The node's index in {@link LocalNetwork#nodes()} and its committee entry. */
  private record Target(int index, Member member) {}

  private Target target(int i) {
    CommitteeView committee = ledger.committee();
    LocalNetwork.NodeSpec spec = network.nodes().get(i);
    Member m = committee.members().stream().filter(x -> x.publicKey().equals(spec.protocolKey().publicKey()))
        .findFirst().orElseThrow();
    return new Target(i, m);
  }

  @Test
  void writesAndReadsSucceedWithANodeStoppedAndItHealsAfterRestart() throws Exception {
    Target t = target(1);
    assertThat(t.member().weight()).isLessThanOrEqualTo(3);
    network.stopNode(t.index(), false);
    byte[] data = TestBlobs.random(200_000, 11);
    BlobId blobId = TestBlobs.store(ledger, clients, wallet, data, false).blobId();
    assertThat(TestBlobs.read(ledger, clients, blobId)).isEqualTo(data);
    network.restartNode(t.index());
    awaitAllSlivers(t.member(), List.of(blobId));
    assertThat(TestBlobs.read(ledger, clients, blobId)).isEqualTo(data);
  }

  @Test
  void aNodeKilledDuringUploadsKeepsWhatItAcknowledgedAndCatchesUp() throws Exception {
    Target t = target(2);
    List<BlobId> stored = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    AtomicBoolean failed = new AtomicBoolean();
    Thread writer = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 8; i++) {
        byte[] data = TestBlobs.random(50_000 + i * 1000, 100 + i);
        try {
          stored.add(TestBlobs.store(ledger, clients, wallet, data, false).blobId());
          contents.add(data);
        } catch (RuntimeException e) {
          failed.set(true);
        }
      }
    });
    Thread.sleep(1500);
    network.stopNode(t.index(), true);
    writer.join();
    assertThat(failed).isFalse();
    network.restartNode(t.index());
    awaitAllSlivers(t.member(), stored);
    for (int i = 0; i < stored.size(); i++) {
      assertThat(TestBlobs.read(ledger, clients, stored.get(i))).isEqualTo(contents.get(i));
    }
    var health = clients.forNode(t.member().networkAddress(), t.member().networkPublicKey()).health(false);
    assertThat(health.eventProgress().pending()).isZero();
  }

  @Test
  void corruptedSliversAreRejectedByReadersAndRecovery() throws Exception {
    byte[] data = TestBlobs.random(120_000, 21);
    BlobId blobId = TestBlobs.store(ledger, clients, wallet, data, false).blobId();
    byte[] other = TestBlobs.random(120_000, 22);
    BlobId otherId = TestBlobs.store(ledger, clients, wallet, other, false).blobId();
    Target liar = target(3);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> awaitAllSlivers(liar.member(), List.of(blobId, otherId)));
    network.stopNode(liar.index(), false);
    // Swap in the other blob's slivers: same sizes, right indices, wrong content.
    try (NodeStore store = NodeStore.open(network.nodes().get(liar.index()).directory().resolve("data/db"), StoreOptions.defaults())) {
      try (Batch batch = store.batch()) {
        for (int shard : liar.member().shards()) {
          for (SliverType type : SliverType.values()) {
            SliverData wrong = store.sliver(shard, type, otherId).orElseThrow();
            batch.putSliver(shard, blobId, wrong);
          }
        }
        batch.commit();
      }
    }
    network.restartNode(liar.index());
    assertThat(TestBlobs.read(ledger, clients, blobId)).isEqualTo(data);
    // A node missing its slivers recovers them although the liar's symbols do not verify.
    Target healer = target(4);
    network.stopNode(healer.index(), false);
    byte[] third = TestBlobs.random(80_000, 23);
    BlobId thirdId = TestBlobs.store(ledger, clients, wallet, third, false).blobId();
    network.restartNode(healer.index());
    awaitAllSlivers(healer.member(), List.of(thirdId));
    assertThat(TestBlobs.read(ledger, clients, thirdId)).isEqualTo(third);
  }

  @Test
  void anInconsistentUploadEndsInvalidatedOnTheLedgerAndReadsAnswerInvalid() throws Exception {
    CommitteeView committee = ledger.committee();
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    EncodedBlob honest = new BlobEncoder(config).encode(TestBlobs.random(30_000, 31));
    // A writer lies about primary sliver 0 and commits to the lie in the metadata: every sliver it
    // uploads matches the metadata, but the slivers are not one codeword. It leaves out the node
    // holding pair 0, which must then recover that sliver from the others' symbols and finds the lie.
    SliverData lie = SliverData.of(SliverType.PRIMARY, 0, honest.primarySliver(0).symbolSize(),
        flipped(honest.primarySliver(0).dataCopy()));
    List<SliverPairMetadata> hashes = new ArrayList<>(honest.metadata().metadata().hashes());
    hashes.set(0, new SliverPairMetadata(ExpandedSliver.of(config, lie).hash(), hashes.get(0).secondaryHash()));
    BlobMetadata metadata = new BlobMetadata(EncodingType.RS2, honest.metadata().metadata().unencodedLength(), hashes);
    BlobId blobId = metadata.computeBlobId();
    int recoveringShard = blobId.shardForPair(0, config.nShards());
    Member recovering = committee.members().stream().filter(m -> m.shards().contains(recoveringShard)).findFirst()
        .orElseThrow();
    TestBlobs.Upload upload = new TestBlobs.Upload() {
      @Override
      public BlobId blobId() {
        return blobId;
      }

      @Override
      public BlobMetadata metadata() {
        return metadata;
      }

      @Override
      public SliverData primary(int index) {
        return index == 0 ? lie : honest.primarySliver(index);
      }

      @Override
      public SliverData secondary(int index) {
        return honest.secondarySliver(index);
      }
    };
    long eventsBefore = ledger.events(0, 1, Duration.ZERO).head();
    TestBlobs.store(ledger, clients, wallet, upload, false, 2, m -> m.publicKey().equals(recovering.publicKey()));

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(ledger.events(eventsBefore, 1000, Duration.ZERO).events()).anyMatch(e ->
            e.event() instanceof LedgerEvent.InvalidBlobId i && i.blobId().equals(blobId)));
    for (Member m : committee.members()) {
      var node = clients.forNode(m.networkAddress(), m.networkPublicKey());
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
          assertThat(node.blobStatus(blobId)).isInstanceOf(BlobStatus.Invalid.class));
      assertThatThrownBy(() -> node.metadata(blobId)).isInstanceOfSatisfying(StorageNodeException.class, e -> {
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("invalid");
      });
    }
    try (WalrusClient client = WalrusClient.builder().ledgerClient(ledger).wallet(wallet).build()) {
      assertThat(client.blobStatus(blobId)).isInstanceOf(BlobStatus.Invalid.class);
      assertThatThrownBy(() -> client.read(blobId)).isInstanceOf(BlobNotFoundException.class);
      assertThat(client.store(TestBlobs.random(30_000, 31)).outcome())
          .as("the honest encoding of the same data has another blob ID").isEqualTo(StoreResult.Outcome.NEWLY_CREATED);
    }
  }

  @Test
  void aBlockedBlobIsRefusedWithForbiddenByThatNodeOnly() throws Exception {
    byte[] data = TestBlobs.random(40_000, 41);
    BlobId blobId = TestBlobs.store(ledger, clients, wallet, data, false).blobId();
    Target blocking = target(0);
    Path blocklist = network.nodes().get(0).directory().resolve("blocklist.yaml");
    Files.writeString(blocklist, "# taken down\n- " + blobId + "\n");
    try {
      var node = clients.forNode(blocking.member().networkAddress(), blocking.member().networkPublicKey());
      int pair = blobId.pairForShard(blocking.member().shards().getFirst(), network.nShards());
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThatThrownBy(() -> node.metadata(blobId)).isInstanceOfSatisfying(StorageNodeException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(451);
            assertThat(e.reason()).isEqualTo("FORBIDDEN_BLOB");
          }));
      assertThatThrownBy(() -> node.sliver(blobId, pair, SliverType.PRIMARY))
          .isInstanceOfSatisfying(StorageNodeException.class, e -> assertThat(e.httpStatus()).isEqualTo(451));
      assertThat(TestBlobs.read(ledger, clients, blobId)).as("the other nodes still serve it").isEqualTo(data);
      Files.delete(blocklist);
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
          assertThat(node.metadata(blobId).blobId()).isEqualTo(blobId));
    } finally {
      Files.deleteIfExists(blocklist);
    }
  }

  /**
   * A segment file damaged while the node was down: the restart's scan still finds the slivers
   * indexed, so only a read can tell they are lost. The first read reports them, the node drops
   * their index entries and rebuilds them from its peers, and the same read then succeeds.
   */
  @Test
  void sliversDamagedOnDiskAreRebuiltOnceAReadFindsThem() throws Exception {
    byte[] data = TestBlobs.random(150_000, 31);
    BlobId blobId = TestBlobs.store(ledger, clients, wallet, data, false).blobId();
    Target t = target(1);
    awaitAllSlivers(t.member(), List.of(blobId));
    var node = clients.forNode(t.member().networkAddress(), t.member().networkPublicKey());
    int shard = t.member().shards().getFirst();
    int pair = blobId.pairForShard(shard, network.nShards());
    SliverData before = node.sliver(blobId, pair, SliverType.PRIMARY);
    network.stopNode(t.index(), false);
    Path segments = network.nodes().get(t.index()).directory().resolve("data/db/segments/shard-" + shard);
    try (var files = Files.list(segments)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 8; i < bytes.length; i += 61) { // past the 8-byte segment header
          bytes[i] ^= 0x01;
        }
        Files.write(f, bytes);
      }
    }
    network.restartNode(t.index());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .untilAsserted(() -> assertThat(node.sliver(blobId, pair, SliverType.PRIMARY)).isEqualTo(before));
    awaitAllSlivers(t.member(), List.of(blobId));
    assertThat(TestBlobs.read(ledger, clients, blobId)).isEqualTo(data);
  }

  private static byte[] flipped(byte[] data) {
    data[data.length / 2] ^= 0x5A;
    return data;
  }

  private void awaitAllSlivers(Member member, List<BlobId> blobs) {
    var node = clients.forNode(member.networkAddress(), member.networkPublicKey());
    int n = network.nShards();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      for (BlobId blobId : blobs) {
        for (int shard : member.shards()) {
          int pair = blobId.pairForShard(shard, n);
          for (SliverType type : SliverType.values()) {
            assertThat(node.sliverStatus(blobId, pair, type)).isEqualTo(StoredOnNodeStatus.STORED);
          }
        }
      }
    });
  }

}
