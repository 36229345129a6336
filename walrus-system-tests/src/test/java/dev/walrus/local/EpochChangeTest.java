package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node joins a running network: at the next epoch shards move to it, it pulls them from their
 * previous owners with sync_shard, and reads of certified blobs never fail meanwhile. A blob paid
 * for one epoch is garbage-collected on every node once the next epoch starts.
 */
class EpochChangeTest {
  /** Kept after the run (under target/) so the node logs can be read when it fails. */
  private final Path dir = Path.of("target", "epoch-change-test-" + ProcessHandle.current().pid());

  @Test
  void shardsMoveToAJoiningNodeWhileReadsAndWritesGoOn() throws Exception {
    try (LocalNetwork network = LocalNetwork.start(dir, 4, 10, Duration.ofSeconds(20),
            new ProcessNodes(Duration.ofMillis(500), "384m", Duration.ofSeconds(2)));
        LedgerClient ledger = network.ledgerClient();
        StorageNodeClients clients = StorageNodeClients.create()) {
      Ed25519KeyPair wallet = network.fundedWallet(100_000);
      Map<BlobId, byte[]> blobs = new ConcurrentHashMap<>();
      for (int i = 0; i < 3; i++) {
        byte[] data = TestBlobs.random(60_000, i);
        blobs.put(TestBlobs.store(ledger, clients, wallet, data, false).blobId(), data);
      }
      // Paid for one epoch only: its data is garbage-collected once the next epoch starts.
      BlobId expiring = null;
      for (int attempt = 0; expiring == null; attempt++) {
        try {
          expiring = TestBlobs.store(ledger, clients, wallet, TestBlobs.random(20_000, 99), false, 1).blobId();
        } catch (RuntimeException e) {
          if (attempt == 2) {
            throw e;
          }
          // An epoch ended between confirmation and certification: store again.
        }
      }
      BlobId expired = expiring;
      int startEpoch = ledger.committee().epoch();
      LocalNetwork.NodeSpec joined = network.addNode(40_000);

      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger readFailures = new AtomicInteger();
      AtomicInteger reads = new AtomicInteger();
      Thread reader = Thread.ofVirtual().start(() -> {
        while (!done.get()) {
          for (Map.Entry<BlobId, byte[]> e : List.copyOf(blobs.entrySet())) {
            try {
              assertThat(TestBlobs.read(ledger, clients, e.getKey())).isEqualTo(e.getValue());
              reads.incrementAndGet();
            } catch (RuntimeException | AssertionError ex) {
              readFailures.incrementAndGet();
            }
          }
        }
      });
      Thread writer = Thread.ofVirtual().start(() -> {
        for (int i = 10; !done.get(); i++) {
          byte[] data = TestBlobs.random(40_000, i);
          for (int attempt = 0; attempt < 3; attempt++) {
            try {
              blobs.put(TestBlobs.store(ledger, clients, wallet, data, false).blobId(), data);
              break;
            } catch (RuntimeException e) {
              // The committee changed between confirmation and certification: try again.
            }
          }
        }
      });
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        CommitteeView c = ledger.committee();
        return c.epoch() > startEpoch && c.members().stream().anyMatch(m -> m.publicKey().equals(joined.protocolKey().publicKey()))
            && ledger.system().epochInfo().epochState().equals("EpochChangeDone");
      });
      Member newcomer = ledger.committee().members().stream()
          .filter(m -> m.publicKey().equals(joined.protocolKey().publicKey())).findFirst().orElseThrow();
      assertThat(newcomer.shards()).isNotEmpty();
      var node = clients.forNode(newcomer.networkAddress(), newcomer.networkPublicKey());
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
        for (BlobId blobId : List.copyOf(blobs.keySet())) {
          for (int shard : newcomer.shards()) {
            int pair = blobId.pairForShard(shard, 10);
            for (SliverType type : SliverType.values()) {
              assertThat(node.sliverStatus(blobId, pair, type)).isEqualTo(StoredOnNodeStatus.STORED);
            }
          }
        }
      });
      for (Member m : ledger.committee().members()) {
        var holder = clients.forNode(m.networkAddress(), m.networkPublicKey());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
          assertThat(holder.metadataStatus(expired)).isEqualTo(StoredOnNodeStatus.NONEXISTENT);
          for (int shard : m.shards()) {
            int pair = expired.pairForShard(shard, 10);
            assertThat(holder.sliverStatus(expired, pair, SliverType.PRIMARY)).isEqualTo(StoredOnNodeStatus.NONEXISTENT);
          }
        });
      }
      done.set(true);
      reader.join();
      writer.join();
      assertThat(reads.get()).isPositive();
      assertThat(readFailures.get()).isZero();
    }
  }

}
