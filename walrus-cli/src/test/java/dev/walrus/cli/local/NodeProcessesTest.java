package dev.walrus.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.BlobId;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage nodes as separate processes on loopback, as a user runs them: writes and reads with a
 * node stopped, a node killed with SIGKILL during uploads, and a node whose store was corrupted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeProcessesTest {
  @TempDir static Path dir;

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
    var health = clients.forNode(t.member().networkAddress()).health(false);
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

  private void awaitAllSlivers(Member member, List<BlobId> blobs) {
    var node = clients.forNode(member.networkAddress());
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
