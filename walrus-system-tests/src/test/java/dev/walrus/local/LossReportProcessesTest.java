package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeParamsView;
import dev.walrus.ledger.api.LedgerEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage nodes report their own losses (spec/challenges.md §8.5, {@code shard_request_recovery})
 * without an operator: node 2 loses two of its four shards early in epoch 2 and its recovery is
 * held back until the window closes ({@code lose} fault), so it cannot make them whole before the
 * challenge. It reports them before the seed by itself, pays {@code p_send·r̄} per shard to the
 * helpers, and the verdict counts them as syncing: failed but no data failure, no penalty —
 * where two unreported failed shards of four would be a data failure. Honest nodes report nothing.
 */
class LossReportProcessesTest {
  static final Duration EPOCH = Duration.ofSeconds(50);
  @TempDir Path dir;

  @Test
  void aNodeThatLostShardsReportsThemBeforeTheSeedAndIsNotADropper() throws Exception {
    ProcessNodes launcher = ChallengeProcessesTest.launcher(Map.of(2, "lose@2:2"));
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, EPOCH, launcher)) {
      net.storeBlobs(6, 10);
      int e = net.epoch() + 1;
      assertThat(e).isEqualTo(2);
      ObjectId loser = net.nodeId(2);
      List<Integer> lost = net.member(2).shards().stream().sorted().limit(2).toList();

      ChallengeEpochView seeded = net.awaitStatus(e, "SEEDED", EPOCH.multipliedBy(3));
      ChallengeParamsView params = net.ledger.challengeParams();
      // Every stored blob is challenged (K ≥ 16 > 6 blobs), so the lost shards fail every item.
      assertThat(seeded.blobIds()).hasSize(6);
      assertThat(status(net, 2, e)).contains("\"lostShards\":" + lost.toString().replace(" ", ""));
      for (int honest : new int[] {0, 1, 3}) {
        assertThat(status(net, honest, e)).contains("\"lostShards\":[]");
      }
      String log = Files.readString(net.network.nodes().get(2).directory().resolve("node.log"));
      assertThat(log).contains("reported own shards " + lost + " as lost in epoch 2");

      ChallengeEpochView verdicts = net.verdicts(e);
      ChallengeEpochView.NodeResult r = ChallengeNet.result(verdicts, loser);
      assertThat(r.syncingShards()).containsExactlyElementsOf(lost);
      assertThat(r.failedShards()).containsExactlyInAnyOrderElementsOf(lost);
      assertThat(r.dataFail()).isFalse();
      assertThat(r.penalty()).isZero();
      for (int honest : new int[] {0, 1, 3}) {
        ChallengeEpochView.NodeResult h = ChallengeNet.result(verdicts, net.nodeId(honest));
        assertThat(h.syncingShards()).as("node %d", honest).isEmpty();
        assertThat(h.failedShards()).as("node %d", honest).isEmpty();
      }

      // The report's charge: p_send·r̄ per shard (r̄ as in force during the epoch), taken from the
      // commission or owed, and credited to the helpers — the only charge of the epoch before its verdicts.
      long perShard = Math.max(params.perShardReward() * params.current().sendBp() / 10_000,
          params.current().floorFrost());
      assertThat(perShard).isPositive();
      // (A debt it leaves is collected from its reward at the epoch change: a later event.)
      List<LedgerEvent.PenaltyApplied> charges = net.events().stream()
          .filter(LedgerEvent.PenaltyApplied.class::isInstance).map(LedgerEvent.PenaltyApplied.class::cast)
          .filter(p -> p.epoch() == e && p.fromReward() + p.fromCommission() + p.fromStake() + p.toDebt() > 0).toList();
      assertThat(charges).isNotEmpty().allSatisfy(p -> assertThat(p.nodeId()).isEqualTo(loser));
      LedgerEvent.PenaltyApplied charge = charges.getFirst();
      assertThat(charge.fromReward()).isZero();
      assertThat(charge.fromStake()).isZero();
      assertThat(charge.fromCommission() + charge.toDebt()).isEqualTo(perShard * lost.size());

      assertThat(ChallengeProcessesTest.metric(net, 2, "walrus_node_challenge_shards_reported_total"))
          .isEqualTo(lost.size());
      for (int honest : new int[] {0, 1, 3}) {
        assertThat(ChallengeProcessesTest.metric(net, honest, "walrus_node_challenge_shards_reported_total"))
            .as("node %d", honest).isZero();
      }
    }
  }

  private static String status(ChallengeNet net, int i, int epoch) throws Exception {
    return ChallengeProcessesTest.HTTP.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(net.network.nodes().get(i))
        + "/v1/challenges/" + epoch + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
