package dev.walrus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.EventPage;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.EventSubscription;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.ledger.replication.ConfigFiles;
import dev.walrus.ledger.replication.ProposerConfig;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.ReplicaFixtures;
import dev.walrus.ledger.replication.ReplicaProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/** One replica: transactions end to end, restart after a crash and after a clean stop, event resumption. */
@SuppressWarnings("try") // replicas and subscriptions are opened for their effect, closed by try
class SingleReplicaTest {
  @TempDir Path dir;

  private final GenesisConfig genesis = ReplicaFixtures.genesis(4);
  private final Ed25519KeyPair alice = ReplicaFixtures.key(0);
  private final Ed25519KeyPair bob = ReplicaFixtures.key(1);

  private ReplicaConfig config(List<ReplicaConfig.Peer> peers) {
    // A snapshot every 25 entries, so that restarts load a snapshot and replay the log after it.
    return ReplicaFixtures.config(dir, "r1", peers, dir.resolve("genesis.yaml"),
        new ReplicaConfig.RaftConfig(300, 600, 25, 0, 0));
  }

  /**
   * A crash (SIGKILL, no final snapshot) after several automatic snapshots: the restarted replica
   * loads the latest snapshot, replays the log after it and reaches the same state digest and
   * block root at the same height, with every event still served.
   */
  @Test
  void crashRestartFromSnapshotAndLogReachesTheSameState() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    Path genesisFile = dir.resolve("genesis.yaml");
    ConfigFiles.write(genesisFile, genesis);
    // No ticks during the test (one a minute): the height only moves with transactions.
    ConfigFiles.write(dir.resolve("r1.yaml"), new ReplicaConfig("r1", "data", "genesis.yaml", peers, null,
        new ReplicaConfig.RaftConfig(300, 600, 25, 0, 0), new ProposerConfig(60_000, 0, 0, 0, 0, 0), null));
    ReplicaProcess process = new ReplicaProcess("r1", dir.resolve("r1.yaml"), dir.resolve("r1.log"));
    try (LedgerClient client = LedgerClient.builder(List.of(URI.create(peers.get(0).apiUrl())))
        .connectTimeout(Duration.ofSeconds(1)).build()) {
      process.start();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.status().leaderId() != null);
      for (int i = 0; i < 60; i++) {
        TransactionEffects e = client.execute(i % 2 == 0 ? alice : bob,
            new Operation.Transfer(ReplicaFixtures.key(100 + i).publicKey().toAddress(), 1 + i));
        assertThat(e.status()).isEqualTo(TransactionEffects.Status.SUCCESS);
        assertThat(e.events()).singleElement().extracting(EventEnvelope::event)
            .isInstanceOf(LedgerEvent.WalTransferred.class);
      }
      StatusView before = client.status();
      assertThat(before.nextEventSequence()).isEqualTo(60);
      process.kill();

      process.start();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.status().height() >= before.height());
      StatusView after = client.status();
      assertThat(after.height()).isEqualTo(before.height());
      assertThat(after.stateDigest()).isEqualTo(before.stateDigest());
      assertThat(after.blockRoot()).isEqualTo(before.blockRoot());
      assertThat(after.nextEventSequence()).isEqualTo(60);
      assertThat(java.nio.file.Files.readString(process.log())).contains("loaded snapshot");
      EventPage page = client.events(0, 1000, Duration.ZERO);
      assertThat(page.events()).extracting(EventEnvelope::sequence)
          .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 60).boxed().toList());
      assertThat(client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 1)).status())
          .isEqualTo(TransactionEffects.Status.SUCCESS);
    } finally {
      process.kill();
    }
  }

  /** A clean stop (the replica snapshots on the way out) and start keep the state too. */
  @Test
  void cleanRestartKeepsState() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    StatusView before;
    try (LedgerReplica replica = LedgerReplica.start(config(peers), genesis);
        LedgerClient client = LedgerClient.of(peers.get(0).apiUrl())) {
      for (int i = 0; i < 10; i++) {
        client.execute(bob, new Operation.Transfer(alice.publicKey().toAddress(), 2));
      }
      before = client.status();
    }
    try (LedgerReplica replica = LedgerReplica.start(config(peers), genesis);
        LedgerClient client = LedgerClient.of(peers.get(0).apiUrl())) {
      StatusView after = client.status();
      assertThat(after.height()).isGreaterThanOrEqualTo(before.height());
      assertThat(after.nextEventSequence()).isEqualTo(10);
      assertThat(client.account(bob.publicKey().toAddress()).balance()).isEqualTo(1_000_000 * ReplicaFixtures.WAL - 20);
      assertThat(client.account(bob.publicKey().toAddress()).nextSequence()).isEqualTo(10);
    }
  }

  @Test
  void subscriptionResumesFromItsCursor() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    try (LedgerReplica replica = LedgerReplica.start(config(peers), genesis);
        LedgerClient client = LedgerClient.of(peers.get(0).apiUrl())) {
      List<EventEnvelope> seen = new CopyOnWriteArrayList<>();
      long cursor;
      try (EventSubscription sub = client.subscribe(0, seen::add)) {
        for (int i = 0; i < 5; i++) {
          client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 1));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 5);
        cursor = sub.cursor();
      }
      assertThat(cursor).isEqualTo(5);
      for (int i = 0; i < 3; i++) {
        client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 1));
      }
      try (EventSubscription sub = client.subscribe(cursor, seen::add)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 8);
      }
      assertThat(seen).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }
  }

  @Test
  void faucetAndAbortedTransactions() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    Ed25519KeyPair fresh = ReplicaFixtures.key(500);
    try (LedgerReplica replica = LedgerReplica.start(config(peers), genesis);
        LedgerClient client = LedgerClient.of(peers.get(0).apiUrl())) {
      assertThat(client.execute(fresh, new Operation.RequestFaucet(10 * ReplicaFixtures.WAL)).status())
          .isEqualTo(TransactionEffects.Status.SUCCESS);
      assertThat(client.account(fresh.publicKey().toAddress()).balance()).isEqualTo(10 * ReplicaFixtures.WAL);
      TransactionEffects aborted = client.execute(fresh, new Operation.StakeWithPool(
          dev.walrus.core.ObjectId.of(new byte[32]), 1));
      assertThat(aborted.status()).isEqualTo(TransactionEffects.Status.ABORTED);
      assertThat(aborted.abort().module()).isNotBlank();
      assertThatThrownBy(() -> client.object(dev.walrus.core.ObjectId.of(new byte[32])))
          .isInstanceOf(LedgerClientException.class)
          .hasMessageContaining("does not exist")
          .extracting(e -> ((LedgerClientException) e).reason()).isEqualTo("OBJECT_NOT_FOUND");
    }
  }
}
