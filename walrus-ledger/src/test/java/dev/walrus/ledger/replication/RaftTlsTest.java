package dev.walrus.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.client.LedgerClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raft over mutual TLS pinned to the configured replica keys: a replica holding a key that is
 * not the one configured for it is kept out of the group (neither side trusts the other), while
 * the majority goes on committing; a replica whose key file does not match its own entry refuses
 * to start, saying so.
 */
class RaftTlsTest {
  @TempDir Path dir;
  private final GenesisConfig genesis = ReplicaFixtures.genesis(2);
  private final Ed25519KeyPair alice = ReplicaFixtures.key(0);
  private final Ed25519KeyPair bob = ReplicaFixtures.key(1);
  private final ReplicaConfig.RaftConfig raft = new ReplicaConfig.RaftConfig(400, 800, 0, 0, 0);

  private ReplicaConfig config(String id, List<ReplicaConfig.Peer> peers, String keyFile) {
    ReplicaConfig base = ReplicaFixtures.config(dir, id, peers, dir.resolve("genesis.yaml"), raft);
    return new ReplicaConfig(base.replicaId(), base.dataDir(), base.genesisFile(), peers, base.api(), base.raft(),
        base.proposer(), base.events(), new ReplicaConfig.TlsConfig(dir.resolve(keyFile).toString())).validated();
  }

  @Test
  void aReplicaWithAnUnconfiguredKeyIsKeptOutWhileTheMajorityCommits() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.tlsPeers(3, dir);
    // r3 runs with a key of its own: its configuration names that key for itself, the others' name the real one.
    NetworkKeyPair impostor = NetworkKeyPair.generate();
    impostor.write(dir.resolve("impostor.pem"));
    List<ReplicaConfig.Peer> impostorView = new ArrayList<>(peers);
    ReplicaConfig.Peer r3 = peers.get(2);
    impostorView.set(2, new ReplicaConfig.Peer(r3.id(), r3.raftAddress(), r3.apiUrl(),
        java.util.Base64.getEncoder().encodeToString(impostor.publicKeyBytes())));
    try (LedgerReplica one = LedgerReplica.start(config("r1", peers, "r1-raft-key.pem"), genesis);
        LedgerReplica two = LedgerReplica.start(config("r2", peers, "r2-raft-key.pem"), genesis);
        LedgerReplica three = LedgerReplica.start(config("r3", impostorView, "impostor.pem"), genesis);
        LedgerClient client = LedgerClient.builder(List.of(URI.create(peers.get(0).apiUrl()),
            URI.create(peers.get(1).apiUrl()))).submitTimeout(Duration.ofSeconds(30)).build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 5)).succeeded()).isTrue();
      }
      long committed = Math.min(one.lastAppliedIndex(), two.lastAppliedIndex());
      assertThat(committed).isPositive();
      assertThat(List.of(one.leaderId(), two.leaderId())).allSatisfy(l -> assertThat(l).hasValueSatisfying(
          id -> assertThat(id).isIn("r1", "r2")));
      // Two more election timeouts: the impostor has still received nothing.
      Thread.sleep(2 * raft.electionTimeoutMaxMs());
      assertThat(three.lastAppliedIndex()).isLessThan(committed);
      assertThat(three.role()).isNotEqualTo("LEADER");
    }
  }

  @Test
  void theRealReplicaJoinsOnceItHasItsKey() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.tlsPeers(3, dir);
    try (LedgerReplica one = LedgerReplica.start(config("r1", peers, "r1-raft-key.pem"), genesis);
        LedgerReplica two = LedgerReplica.start(config("r2", peers, "r2-raft-key.pem"), genesis);
        LedgerReplica three = LedgerReplica.start(config("r3", peers, "r3-raft-key.pem"), genesis);
        LedgerClient client = LedgerClient.of(peers.get(2).apiUrl())) {
      assertThat(client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 5)).succeeded()).isTrue();
      // Blocks keep coming (the proposer ticks), so the indexes are never sampled equal at once:
      // every replica must reach what the others had applied once the transfer was done.
      long done = Math.max(one.lastAppliedIndex(), two.lastAppliedIndex());
      assertThat(done).isPositive();
      await().atMost(Duration.ofSeconds(60)).until(() ->
          three.lastAppliedIndex() >= done && one.lastAppliedIndex() >= done && two.lastAppliedIndex() >= done);
    }
  }

  @Test
  void aKeyFileThatIsNotTheConfiguredKeyStopsTheReplicaWithTheReason() throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.tlsPeers(1, dir);
    NetworkKeyPair.generate().write(dir.resolve("other.pem"));
    assertThatThrownBy(() -> LedgerReplica.start(config("r1", peers, "other.pem"), genesis).close())
        .hasStackTraceContaining("but this replica's raftKey in peers is " + peers.get(0).raftKey());
  }

  @Test
  void tlsWithoutEveryPeersKeyIsRefusedWhenTheConfigurationIsRead() throws Exception {
    List<ReplicaConfig.Peer> peers = new ArrayList<>(ReplicaFixtures.tlsPeers(2, dir));
    ReplicaConfig.Peer r2 = peers.get(1);
    peers.set(1, new ReplicaConfig.Peer(r2.id(), r2.raftAddress(), r2.apiUrl()));
    assertThatThrownBy(() -> config("r1", peers, "r1-raft-key.pem"))
        .hasMessageContaining("peer r2: raftKey is missing");
    peers.set(1, new ReplicaConfig.Peer(r2.id(), r2.raftAddress(), r2.apiUrl(), "AAAA"));
    assertThatThrownBy(() -> config("r1", peers, "r1-raft-key.pem"))
        .hasMessageContaining("peer r2: raftKey is not a compressed P-256 public key");
  }
}
