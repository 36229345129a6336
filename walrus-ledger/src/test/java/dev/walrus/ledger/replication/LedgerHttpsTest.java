package dev.walrus.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's client API over HTTPS, pinned to the replicas' keys: a client holding the group's
 * keys reads and submits (a follower forwards to the leader over pinned HTTPS too); a client
 * pinning another key, one trusting only the JDK's CAs, and plain HTTP to the TLS port all fail
 * with a clear error, never a silent fallback to plain text.
 */
class LedgerHttpsTest {
  @TempDir Path dir;
  private final GenesisConfig genesis = ReplicaFixtures.genesis(2);
  private final Ed25519KeyPair alice = ReplicaFixtures.key(0);
  private final Ed25519KeyPair bob = ReplicaFixtures.key(1);

  @Test
  void pinnedClientsUseTheApiAndEverythingElseIsRefused() throws Exception {
    List<ReplicaConfig.Peer> peers = httpsPeers(ReplicaFixtures.tlsPeers(2, dir));
    List<byte[]> keys = peers.stream().map(ReplicaConfig::raftKeyBytes).toList();
    try (LedgerReplica one = LedgerReplica.start(config("r1", peers), genesis);
        LedgerReplica two = LedgerReplica.start(config("r2", peers), genesis)) {
      // Each replica alone, so that a follower has to forward the submission to the leader.
      for (ReplicaConfig.Peer p : peers) {
        try (LedgerClient client = LedgerClient.builder(List.of(URI.create(p.apiUrl()))).replicaKeys(keys)
            .submitTimeout(Duration.ofSeconds(30)).build()) {
          assertThat(client.execute(alice, new Operation.Transfer(bob.publicKey().toAddress(), 5)).succeeded())
              .as("submitted to %s", p.id()).isTrue();
          assertThat(client.account(bob.publicKey().toAddress()).balance()).isPositive();
        }
      }

      URI first = URI.create(peers.getFirst().apiUrl());
      byte[] stranger = NetworkKeyPair.generate().publicKeyBytes();
      try (LedgerClient wrongPin = LedgerClient.builder(List.of(first)).replicaKeys(List.of(stranger)).build()) {
        assertThatThrownBy(wrongPin::status).isInstanceOf(LedgerClientException.class)
            .hasMessageContaining("presented TLS")
            .hasMessageContaining("not the key of any configured ledger replica");
      }
      try (LedgerClient caOnly = LedgerClient.builder(List.of(first)).build()) {
        assertThatThrownBy(caOnly::status).isInstanceOf(LedgerClientException.class)
            .hasMessageContaining("SSLHandshakeException");
      }
      HttpClient plain = HttpClient.newHttpClient();
      HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(URI.create("http://" + first.getAuthority()
          + "/v1/status")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("plain HTTP to the TLS port").isEqualTo(400);
      assertThat(answer.body()).doesNotContain("\"height\"");
    }
  }

  @Test
  void anHttpsApiWithoutTheReplicaKeyIsRefusedWhenTheConfigurationIsRead() {
    List<ReplicaConfig.Peer> peers = httpsPeers(ReplicaFixtures.peers(1));
    assertThatThrownBy(() -> ReplicaFixtures.config(dir, "r1", peers, dir.resolve("genesis.yaml"), null).validated())
        .hasMessageContaining("is https: tls.keyFile");
  }

  private static List<ReplicaConfig.Peer> httpsPeers(List<ReplicaConfig.Peer> peers) {
    List<ReplicaConfig.Peer> out = new ArrayList<>();
    for (ReplicaConfig.Peer p : peers) {
      out.add(new ReplicaConfig.Peer(p.id(), p.raftAddress(), p.apiUrl().replace("http://", "https://"), p.raftKey()));
    }
    return out;
  }

  private ReplicaConfig config(String id, List<ReplicaConfig.Peer> peers) {
    ReplicaConfig base = ReplicaFixtures.config(dir, id, peers, dir.resolve("genesis.yaml"),
        new ReplicaConfig.RaftConfig(400, 800, 0, 0, 0));
    return new ReplicaConfig(base.replicaId(), base.dataDir(), base.genesisFile(), peers, base.api(), base.raft(),
        base.proposer(), base.events(), new ReplicaConfig.TlsConfig(dir.resolve(id + "-raft-key.pem").toString()))
        .validated();
  }
}
