package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.store.StoreOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that misses many slivers of small blobs (10 shards of 40) rebuilds them by reading and
 * re-encoding each whole blob, even when a peer serves a wrong primary sliver.
 */
class WholeBlobRecoveryTest {
  private static final int SHARDS = 40;

  @TempDir Path dir;

  @Test
  void aNodeWithManyShardsRebuildsWholeBlobsAndSkipsALyingPeer() throws Exception {
    try (LocalNetwork network = LocalNetwork.start(dir, 4, SHARDS, Duration.ofHours(1), new InProcessNodes(Duration.ZERO));
        LedgerClient ledger = network.ledgerClient();
        StorageNodeClients clients = StorageNodeClients.create()) {
      Ed25519KeyPair wallet = network.fundedWallet(100_000);
      Member healer = member(ledger, network, 1);
      Member liar = member(ledger, network, 2);
      network.stopNode(1, false);
      byte[] data = TestBlobs.random(30_000, 31);
      BlobId blobId = TestBlobs.store(ledger, clients, wallet, data, false).blobId();
      BlobId otherId = TestBlobs.store(ledger, clients, wallet, TestBlobs.random(30_000, 32), false).blobId();

      // The liar serves primary slivers with one flipped byte: right sizes and indices, wrong content.
      var liarNode = clients.forNode(liar.networkAddress(), liar.networkPublicKey());
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
        for (int shard : liar.shards()) {
          assertThat(liarNode.sliverStatus(blobId, blobId.pairForShard(shard, SHARDS), SliverType.PRIMARY))
              .isEqualTo(StoredOnNodeStatus.STORED);
        }
      });
      network.stopNode(2, false);
      try (NodeStore store = NodeStore.open(network.nodes().get(2).directory().resolve("db"), StoreOptions.defaults());
          Batch batch = store.batch()) {
        for (int shard : liar.shards()) {
          SliverData right = store.sliver(shard, SliverType.PRIMARY, blobId).orElseThrow();
          byte[] bytes = right.dataCopy();
          bytes[0] ^= 1;
          batch.putSliver(shard, blobId, SliverData.of(SliverType.PRIMARY, right.index(), right.symbolSize(), bytes));
        }
        batch.commit();
      }
      network.restartNode(2);
      network.restartNode(1);

      var node = clients.forNode(healer.networkAddress(), healer.networkPublicKey());
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
        for (BlobId id : List.of(blobId, otherId)) {
          for (int shard : healer.shards()) {
            for (SliverType type : SliverType.values()) {
              assertThat(node.sliverStatus(id, id.pairForShard(shard, SHARDS), type)).isEqualTo(StoredOnNodeStatus.STORED);
            }
          }
        }
      });
      assertThat(metric(healer, "walrus_node_blob_syncs_whole_total")).isEqualTo(2);
      assertThat(metric(healer, "walrus_node_slivers_recovered_total")).isEqualTo(2 * 2 * healer.shards().size());
      assertThat(TestBlobs.read(ledger, clients, blobId)).isEqualTo(data);
    }
  }

  private static Member member(LedgerClient ledger, LocalNetwork network, int index) {
    var key = network.nodes().get(index).protocolKey().publicKey();
    return ledger.committee().members().stream().filter(m -> m.publicKey().equals(key)).findFirst().orElseThrow();
  }

  private static double metric(Member node, String name) throws Exception {
    {
      String body = NodeHttps.CLIENT.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(node) + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
          .findFirst().orElse(0);
    }
  }
}
