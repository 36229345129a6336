package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.client.BlobNotFoundException;
import dev.walrus.client.ReadOptions;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.BlobStatus;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * The SDK against a real local network: five nodes in this JVM, 20 shards (f = 6), an embedded
 * ledger. The test that stops nodes runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalrusClientTest {
  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private WalrusClient client;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir.resolve("net"), 5, 20, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    Ed25519KeyPair wallet = network.fundedWallet(100_000);
    client = WalrusClient.builder().ledgerClient(ledger).wallet(wallet)
        .nodeRetries(3, Duration.ofMillis(100), Duration.ofMillis(500)).build();
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
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100 * 1024, 4 * 1024 * 1024 + 17})
  void storeAndReadRoundTrip(int size) throws Exception {
    byte[] data = TestBlobs.random(size, size);
    StoreResult stored = client.store(data, StoreOptions.defaults().withEpochs(2));
    assertThat(stored.isNewlyCreated()).isTrue();
    assertThat(stored.objectId()).isNotNull();
    assertThat(stored.deletable()).isTrue();
    assertThat(stored.unencodedSize()).isEqualTo(size);
    assertThat(stored.endEpoch()).isEqualTo(ledger.committee().epoch() + 2);
    assertThat(stored.cost()).isPositive();
    assertThat(client.read(stored.blobId())).isEqualTo(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.read(stored.blobId(), out);
    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(client.read(stored.blobId(), ReadOptions.defaults().withConsistencyCheck(ConsistencyCheck.STRICT)))
        .isEqualTo(data);
  }

  @Order(2)
  @Test
  void fileStoreAndFileRead() throws Exception {
    byte[] data = TestBlobs.random(1_500_000, 7);
    Path in = dir.resolve("in.bin");
    Files.write(in, data);
    StoreResult stored = client.store(in, StoreOptions.defaults().permanent());
    Path out = dir.resolve("out.bin");
    client.read(stored.blobId(), out);
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  @Order(3)
  @Test
  void samePermanentBlobTwiceIsAlreadyCertified() {
    byte[] data = TestBlobs.random(50_000, 3);
    StoreResult first = client.store(data, StoreOptions.defaults().permanent().withEpochs(3));
    assertThat(first.isNewlyCreated()).isTrue();
    assertThat(client.blobStatus(first.blobId())).isInstanceOfSatisfying(BlobStatus.Permanent.class,
        p -> assertThat(p.isCertified()).isTrue());
    StoreResult second = client.store(data, StoreOptions.defaults().permanent().withEpochs(2));
    assertThat(second.outcome()).isEqualTo(StoreResult.Outcome.ALREADY_CERTIFIED);
    assertThat(second.blobId()).isEqualTo(first.blobId());
    assertThat(second.objectId()).isNull();
    assertThat(second.cost()).isZero();
    assertThat(second.endEpoch()).isEqualTo(first.endEpoch());
    // Asking for longer than it is stored uploads again; so does force.
    StoreResult forced = client.store(data, StoreOptions.defaults().permanent().withForce(true));
    assertThat(forced.isNewlyCreated()).isTrue();
    assertThat(forced.objectId()).isNotEqualTo(first.objectId());
  }

  @Order(4)
  @Test
  void deletedBlobIsNotFound() {
    byte[] data = TestBlobs.random(20_000, 4);
    StoreResult stored = client.store(data);
    assertThat(client.read(stored.blobId())).isEqualTo(data);
    client.delete(stored.objectId());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.blobStatus(stored.blobId()) instanceof BlobStatus.Nonexistent);
    assertThatThrownBy(() -> client.read(stored.blobId())).isInstanceOf(BlobNotFoundException.class);
  }

  @Order(5)
  @Test
  void unknownBlobIsNotFound() {
    BlobId unknown = BlobId.of(TestBlobs.random(32, 99));
    assertThat(client.blobStatus(unknown)).isEqualTo(BlobStatus.NONEXISTENT);
    assertThatThrownBy(() -> client.read(unknown)).isInstanceOf(BlobNotFoundException.class);
  }

  @Order(6)
  @Test
  void extendMovesTheEndEpoch() {
    StoreResult stored = client.store(TestBlobs.random(1000, 6), StoreOptions.defaults().withEpochs(1));
    assertThat(client.extend(stored.objectId(), 3)).isEqualTo(stored.endEpoch() + 3);
  }

  @Order(10)
  @Test
  void storeAndReadWithUpToFShardsDown() throws Exception {
    byte[] before = TestBlobs.random(400_000, 10);
    StoreResult early = client.store(before);
    CommitteeView committee = ledger.committee();
    int f = (committee.nShards() - 1) / 3;
    // Stop the smallest nodes while their shards add up to at most f.
    List<Member> bySize = new ArrayList<>(committee.members());
    bySize.sort(Comparator.comparingInt(Member::weight));
    int down = 0;
    List<Integer> stopped = new ArrayList<>();
    for (Member m : bySize) {
      if (down + m.weight() > f) {
        break;
      }
      down += m.weight();
      int index = network.nodes().stream().filter(s -> s.protocolKey().publicKey().equals(m.publicKey()))
          .findFirst().orElseThrow().index();
      network.stopNode(index, false);
      stopped.add(index);
    }
    assertThat(down).isPositive();
    byte[] data = TestBlobs.random(600_000, 11);
    StoreResult stored = client.store(data);
    assertThat(stored.isNewlyCreated()).isTrue();
    assertThat(client.read(stored.blobId())).isEqualTo(data);
    assertThat(client.read(early.blobId())).isEqualTo(before);
    assertThat(client.blobStatus(stored.blobId())).isInstanceOf(BlobStatus.Deletable.class);
  }

}
