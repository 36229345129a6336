package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Four nodes in this JVM on an embedded ledger: the write, read and healing paths end to end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InProcessNetworkTest {
  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private StorageNodeClients clients;
  private Ed25519KeyPair wallet;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir, 4, 10, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    clients = StorageNodeClients.create();
    wallet = network.fundedWallet(100_000);
  }

  @AfterAll
  void stop() {
    clients.close();
    ledger.close();
    network.close();
  }

  @Test
  void storedBlobReadsBackAndEveryNodeHoldsItsSlivers() {
    byte[] data = TestBlobs.random(300_000, 1);
    TestBlobs.Stored stored = TestBlobs.store(ledger, clients, wallet, data, false);
    assertThat(TestBlobs.read(ledger, clients, stored.blobId())).isEqualTo(data);
    CommitteeView committee = ledger.committee();
    for (Member m : committee.members()) {
      await().atMost(Duration.ofSeconds(10)).until(() ->
          clients.forNode(m.networkAddress(), m.networkPublicKey()).blobStatus(stored.blobId()) instanceof BlobStatus.Permanent p && p.isCertified());
    }
  }

  @Test
  void aStoppedNodeRecoversWhatItMissed() throws Exception {
    CommitteeView committee = ledger.committee();
    Member smallest = committee.members().stream().min(Comparator.comparingInt(Member::weight)).orElseThrow();
    int index = committee.members().indexOf(smallest);
    int nodeIndex = network.nodes().stream().filter(s -> s.protocolKey().publicKey().equals(smallest.publicKey()))
        .findFirst().orElseThrow().index();
    network.stopNode(nodeIndex, false);
    byte[] data = TestBlobs.random(100_000, 2);
    TestBlobs.Stored stored = TestBlobs.store(ledger, clients, wallet, data, false);
    assertThat(TestBlobs.read(ledger, clients, stored.blobId())).isEqualTo(data);
    network.restartNode(nodeIndex);
    var node = clients.forNode(smallest.networkAddress(), smallest.networkPublicKey());
    int n = committee.nShards();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      for (int shard : smallest.shards()) {
        int pair = stored.blobId().pairForShard(shard, n);
        for (SliverType type : SliverType.values()) {
          assertThat(node.sliverStatus(stored.blobId(), pair, type)).isEqualTo(StoredOnNodeStatus.STORED);
        }
      }
    });
    assertThat(index).isNotNegative();
  }

}
