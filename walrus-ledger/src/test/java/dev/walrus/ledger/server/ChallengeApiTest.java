package dev.walrus.ledger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeParamsView;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.ReplicaFixtures;
import dev.walrus.ledger.state.challenge.ChallengeNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The challenge endpoints over HTTP and the Java client, on networks with and without challenges. */
class ChallengeApiTest {
  @TempDir Path dir;

  @Test
  void aNetworkWithoutChallengesSaysSo() throws Exception {
    try (Running r = start(ReplicaFixtures.genesis(3))) {
      assertThatThrownBy(() -> r.client.challengeParams()).isInstanceOfSatisfying(LedgerClientException.class,
          e -> assertThat(e.reason()).isEqualTo("CHALLENGES_DISABLED"));
      assertThatThrownBy(() -> r.client.challengeEpoch(OptionalInt.empty(), false))
          .isInstanceOfSatisfying(LedgerClientException.class, e -> assertThat(e.httpCode()).isEqualTo(404));
    }
  }

  @Test
  void paramsAndBadRequests() throws Exception {
    GenesisConfig genesis = ReplicaFixtures.genesis(3).withChallenges(ChallengeConfig.testNet());
    try (Running r = start(genesis)) {
      ChallengeParamsView params = r.client.challengeParams();
      assertThat(params.current()).isEqualTo(PenaltyParams.DEFAULTS);
      assertThat(params.config()).isEqualTo(ChallengeConfig.testNet());
      assertThat(params.phi()).isEqualTo(1);
      // Epoch 0 has no committee and no challenge record.
      assertThatThrownBy(() -> r.client.challengeEpoch(OptionalInt.empty(), false))
          .isInstanceOfSatisfying(LedgerClientException.class, e -> assertThat(e.reason()).isEqualTo("CHALLENGE_EPOCH_NOT_FOUND"));
      assertThat(r.client.challengeNode(ObjectId.of(new byte[32])).debt()).isZero();
      String base = r.url;
      var http = java.net.http.HttpClient.newHttpClient();
      for (var bad : Map.of("/v1/challenges/epochs/x", "INVALID_EPOCH", "/v1/challenges/epochs/-1", "INVALID_EPOCH",
          "/v1/challenges/nodes/0x12", "INVALID_OBJECT_ID", "/v1/challenges/epochs/1?foo=1", "UNKNOWN_QUERY_PARAMETER")
          .entrySet()) {
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + bad.getKey())).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
        assertThat(response.body()).as(bad.getKey()).contains(bad.getValue());
      }
      // The genesis with its challenge configuration round-trips through the API and YAML files.
      assertThat(r.client.genesis()).isEqualTo(genesis);
      Path file = dir.resolve("challenge-genesis.yaml");
      dev.walrus.ledger.replication.ConfigFiles.write(file, genesis);
      assertThat(dev.walrus.ledger.replication.ConfigFiles.readGenesis(file)).isEqualTo(genesis);
      assertThat(dev.walrus.ledger.replication.ConfigFiles.readGenesis(file).digest()).isEqualTo(genesis.digest());
      GenesisConfig plain = ReplicaFixtures.genesis(3);
      dev.walrus.ledger.replication.ConfigFiles.write(file, plain);
      assertThat(dev.walrus.ledger.replication.ConfigFiles.readGenesis(file)).isEqualTo(plain);
    }
  }

  @Test
  void theEpochViewShowsSeedSetReportsAndResultsAndRoundTripsAsJson() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    n.storeBlob(100, 5, false);
    n.nextEpoch();
    n.ackAll(n.all());
    n.reportAll(Map.of(2, List.of()), n.all());
    ChallengeEpochView seeded = ChallengeViews.epoch(n.state(), java.util.Optional.empty(), true);
    assertThat(seeded.status()).isEqualTo("SEEDED");
    assertThat(seeded.blobIds()).hasSize(1);
    assertThat(seeded.reports()).hasSize(4);
    assertThat(seeded.tOpenMs()).isNotNull();
    n.nextEpoch();
    ChallengeEpochView done = ChallengeViews.epoch(n.state(), java.util.Optional.of(2), false);
    assertThat(done.status()).isEqualTo("FINAL");
    assertThat(done.results()).hasSize(4).allSatisfy(x -> assertThat(x.failedShards()).isEmpty());
    assertThat(done.tOpenMs()).isNull();
    ChallengeEpochView back = LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(seeded),
        ChallengeEpochView.class);
    assertThat(back.reports().get(0).entries()).isEqualTo(seeded.reports().get(0).entries());
    assertThat(back.seed()).isEqualTo(seeded.seed());
  }

  record Running(LedgerReplica replica, LedgerClient client, String url) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
      replica.close();
    }
  }

  Running start(GenesisConfig genesis) throws Exception {
    List<ReplicaConfig.Peer> peers = ReplicaFixtures.peers(1);
    LedgerReplica replica = LedgerReplica.start(ReplicaFixtures.config(dir, "r1", peers, dir.resolve("genesis.yaml"),
        new ReplicaConfig.RaftConfig(300, 600, 0, 0, 0)), genesis);
    return new Running(replica, LedgerClient.of(peers.get(0).apiUrl()), peers.get(0).apiUrl());
  }
}
