package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.LedgerEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage challenges end to end (spec/challenges.md §12, tests 11–18 and 20) on networks of four
 * node processes, 16 shards, one-minute epochs and the test-net constants. Misbehaving nodes are
 * real node processes started with injected faults ({@code walrus.node.challenge.faults}).
 */
class ChallengeProcessesTest {
  static final Duration EPOCH = Duration.ofSeconds(60);
  static final HttpClient HTTP = NodeHttps.CLIENT;
  @TempDir Path dir;

  static ProcessNodes launcher(Map<Integer, String> faults) {
    return new ProcessNodes(Duration.ofSeconds(1), "256m", Duration.ofSeconds(5)).withJvmOptions(spec ->
        faults.containsKey(spec.index()) ? List.of("-Dwalrus.node.challenge.faults=" + faults.get(spec.index())) : List.of());
  }

  /**
   * Tests 12, 14 and 16: node 2 deletes its slivers early in epoch 2 and keeps answering, and
   * tries to fetch the challenged blobs back from its peers; node 3 reports the opposite of what
   * it sees. Node 2 fails every shard within the epoch, forfeits its reward and pays; the liar
   * fails nobody; peers refuse challenged blobs during the window but serve the others, and serve
   * the challenged ones again after it.
   */
  @Test
  void aSilentDropperIsCaughtWithinTheEpochWhileALiarFailsNobody() throws Exception {
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, EPOCH, launcher(Map.of(2, "drop@2,fetch", 3, "invert")))) {
      net.storeBlobs(20, 10);
      int e = net.epoch() + 1;
      assertThat(e).isEqualTo(2);
      ChallengeEpochView seeded = net.awaitStatus(e, "SEEDED", EPOCH.multipliedBy(3));
      assertThat(seeded.blobIds()).hasSize(16);
      checkBlackout(net, seeded);

      ChallengeEpochView verdicts = net.verdicts(e);
      ObjectId dropper = net.nodeId(2);
      ChallengeEpochView.NodeResult d = ChallengeNet.result(verdicts, dropper);
      assertThat(d.failedShards()).containsExactlyInAnyOrderElementsOf(d.shards());
      assertThat(d.dataFail()).isTrue();
      assertThat(d.penalty()).isPositive();
      assertThat(d.fromReward() + d.fromCommission() + d.fromStake() + d.debt()).isEqualTo(d.penalty());
      for (int honest : new int[] {0, 1, 3}) {
        ChallengeEpochView.NodeResult r = ChallengeNet.result(verdicts, net.nodeId(honest));
        assertThat(r.failedShards()).as("node %d", honest).isEmpty();
        assertThat(r.dataFail()).isFalse();
        assertThat(r.penalty()).isZero();
      }
      List<LedgerEvent> events = net.events();
      LedgerEvent.PoolRewarded paid = events.stream().filter(LedgerEvent.PoolRewarded.class::isInstance)
          .map(LedgerEvent.PoolRewarded.class::cast).filter(p -> p.epoch() == e && p.nodeId().equals(dropper))
          .findFirst().orElseThrow();
      assertThat(paid.reward()).isZero();
      assertThat(events).anySatisfy(x -> assertThat(x).isInstanceOfSatisfying(LedgerEvent.PenaltyApplied.class,
          p -> assertThat(p.nodeId()).isEqualTo(dropper)));
      // The dropper's attempts to read the challenged blobs back were refused.
      assertThat(metric(net, 2, "walrus_node_challenge_fault_fetch_total\\{outcome=\"refused\"}")).isPositive();
      assertThat(metric(net, 2, "walrus_node_challenge_fault_fetch_total\\{outcome=\"served\"}")).isZero();
      assertThat(metric(net, 0, "walrus_node_challenge_requests_answered_total")).isPositive();
    }
  }

  /**
   * Tests 11, 15, 17 and 20 in one network over four epochs: epoch 2 all honest (nobody judged,
   * nothing withheld); epoch 3 node 1 answers but never challenges nor reports (it fails to
   * issue, its data passes) and node 0 is down the whole window (its shards fail as unreachable);
   * epoch 4 node 1 is down too, so the acks miss a quorum and the seed is forced from f+1; node 0
   * failed a supermajority twice in a row and is jailed.
   */
  @Test
  void happyLazyCrashedForcedAndJailed() throws Exception {
    ProcessNodes launcher = launcher(Map.of());
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, EPOCH, launcher)) {
      net.storeBlobs(8, 10);
      ObjectId[] ids = {net.nodeId(0), net.nodeId(1), net.nodeId(2), net.nodeId(3)};

      ChallengeEpochView two = net.verdicts(2);
      assertThat(two.reporters()).hasSize(4);
      assertThat(two.results()).hasSize(4).allSatisfy(r -> {
        assertThat(r.failedShards()).isEmpty();
        assertThat(r.issueFail()).isFalse();
        assertThat(r.rewardWithheld()).isZero();
        assertThat(r.penalty()).isZero();
      });
      assertThat(net.events()).noneMatch(x -> x instanceof LedgerEvent.PenaltyApplied p && p.epoch() == 2);

      // Epoch 3: node 0 down for good, node 1 back as a lazy challenger.
      net.network.stopNode(0, true);
      net.network.stopNode(1, false);
      launcher.withJvmOptions(spec -> spec.index() == 1 ? List.of("-Dwalrus.node.challenge.faults=lazy") : List.of());
      net.network.restartNode(1);
      ChallengeEpochView three = net.verdicts(3);
      ChallengeEpochView.NodeResult down = ChallengeNet.result(three, ids[0]);
      assertThat(down.failedShards()).containsExactlyInAnyOrderElementsOf(down.shards());
      assertThat(down.issueFail()).isTrue();
      ChallengeEpochView.NodeResult lazy = ChallengeNet.result(three, ids[1]);
      assertThat(lazy.issueFail()).isTrue();
      assertThat(lazy.failedShards()).isEmpty();
      assertThat(lazy.dataFail()).isFalse();
      assertThat(lazy.penalty()).isPositive();
      for (int i : new int[] {2, 3}) {
        assertThat(ChallengeNet.result(three, ids[i]).failedShards()).isEmpty();
        assertThat(ChallengeNet.result(three, ids[i]).issueFail()).isFalse();
      }

      // Epoch 4: node 1 down as well once the epoch change is done: 8 of 16 shards ack.
      await().atMost(EPOCH.multipliedBy(2)).pollInterval(Duration.ofMillis(500))
          .until(() -> net.epoch() == 4 && net.ledger.system().epochInfo().epochState().equals("EpochChangeDone"));
      net.network.stopNode(1, true);
      ChallengeEpochView forced = net.awaitStatus(4, "SEEDED", EPOCH.multipliedBy(2));
      assertThat(forced.ackedWeight()).isLessThan(11).isGreaterThanOrEqualTo(6);
      ChallengeEpochView four = net.verdicts(4);
      assertThat(ChallengeNet.result(four, ids[0]).failedShards()).hasSize(ChallengeNet.result(four, ids[0]).shards().size());
      assertThat(net.events()).anySatisfy(x -> assertThat(x)
          .isEqualTo(new LedgerEvent.NodeJailed(ids[0], 6)));
      assertThat(net.ledger.staking().pools().stream().filter(p -> p.nodeId().equals(ids[0])).findFirst()
          .orElseThrow().inActiveSet()).isFalse();
    }
  }

  /**
   * Tests 13 and 18: node 4 joins the committee of epoch 2 but stays down, so it never gets its
   * shards: they fail yet count as syncing, with no data failure. Node 2 deletes its data at a
   * random moment of epoch 2: the failure is recorded within D + W of it (at the first window
   * that opens after the drop).
   */
  @Test
  void aLateJoinerIsNotADropperAndADropAtARandomTimeIsCaughtWithinDPlusW() throws Exception {
    long seed = System.nanoTime();
    double fraction = Double.parseDouble(System.getProperty("walrus.test.dropFraction",
        Double.toString(0.1 + new java.util.Random(seed).nextInt(800) / 1000.0)));
    System.out.println("drop at " + fraction + " of epoch 2 (seed " + seed + ")");
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, EPOCH, launcher(Map.of(2, "drop@2+" + fraction)))) {
      // The local network's active set holds four nodes: with more stake the joiner takes the
      // place (and the shards) of the first node for epoch 2.
      LocalNetwork.NodeSpec joiner = net.network.addNode(6_000);
      net.network.stopNode(joiner.index(), true);
      net.storeBlobs(8, 10);
      ChallengeEpochView open = net.awaitStatus(2, "SEEDED", EPOCH.multipliedBy(3));
      long tDone = open.tOpenMs() - EPOCH.toMillis() * 55 / 100;
      long dropAt = tDone + Math.round(fraction * EPOCH.toMillis());
      long window = EPOCH.toMillis() / 5;
      ObjectId late = net.ledger.committee().members().stream()
          .filter(m -> m.publicKey().equals(joiner.protocolKey().publicKey())).findFirst().orElseThrow().nodeId();

      ChallengeEpochView two = net.verdicts(2);
      ChallengeEpochView.NodeResult joined = ChallengeNet.result(two, late);
      assertThat(joined.syncingShards()).containsExactlyInAnyOrderElementsOf(joined.shards());
      assertThat(joined.failedShards()).containsExactlyInAnyOrderElementsOf(joined.shards());
      assertThat(joined.dataFail()).isFalse();

      ObjectId dropper = nodeIdOf(net, 2);
      ChallengeEpochView caught = two;
      // A drop before the window is caught in epoch 2; one during or after it (partly) in epoch 3.
      if (!ChallengeNet.result(two, dropper).dataFail()) {
        caught = net.verdicts(3);
      }
      long recordedAt = System.currentTimeMillis();
      assertThat(ChallengeNet.result(caught, dropper).failedShards()).isNotEmpty();
      assertThat(ChallengeNet.result(caught, dropper).dataFail()).isTrue();
      // Within D + W of the drop (plus the epoch change's sync and this test's polling).
      assertThat(recordedAt - dropAt).isLessThanOrEqualTo(EPOCH.toMillis() + window + 15_000);
      for (ChallengeEpochView.NodeResult r : caught.results()) {
        if (!r.nodeId().equals(dropper) && !r.nodeId().equals(late)) {
          assertThat(r.failedShards()).as("honest %s", r.nodeId()).isEmpty();
        }
      }
    }
  }

  /**
   * §8.5: a node that gains shards whose previous owner is down rebuilds them from the committee
   * and says so with {@code epoch_sync_done_v2}, naming the rebuilt shards.
   */
  @Test
  void aReceiverWhoseSenderIsDownRebuildsAndSaysSo() throws Exception {
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, EPOCH, launcher(Map.of()))) {
      net.storeBlobs(4, 10);
      // With more stake the joiner takes the first node's shards in epoch 2; that node is gone by then.
      LocalNetwork.NodeSpec joiner = net.network.addNode(6_000);
      net.network.stopNode(0, true);
      Path log = joiner.directory().resolve("node.log");
      await().atMost(EPOCH.multipliedBy(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThat(java.nio.file.Files.readString(log)).contains("sent epoch_sync_done_v2 for epoch 2: shards ["));
      for (BlobId blob : net.blobs) {
        assertThat(TestBlobs.read(net.ledger, net.clients, blob)).isNotEmpty();
      }
    }
  }

  /** The node ID of process {@code i}, from the staking pools (it may have left the committee). */
  static ObjectId nodeIdOf(ChallengeNet net, int i) {
    String name = net.network.nodes().get(i).name();
    return net.ledger.staking().pools().stream().filter(p -> name.equals(p.name())).findFirst().orElseThrow().nodeId();
  }

  /** During the window a peer refuses challenged blobs (503 with Retry-After) and serves others; after it, both. */
  private void checkBlackout(ChallengeNet net, ChallengeEpochView seeded) throws Exception {
    CommitteeView.Member honest = net.member(0);
    int n = net.ledger.committee().nShards();
    BlobId challenged = seeded.blobIds().getFirst();
    BlobId other = net.blobs.stream().filter(b -> !seeded.blobIds().contains(b)).findFirst().orElseThrow();
    int shard = honest.shards().getFirst();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      HttpResponse<String> refused = sliver(honest, challenged, challenged.pairForShard(shard, n));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("CHALLENGE_BLACKOUT");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    });
    // Until the node itself has seen the seed (it polls the ledger every second) its pre-blackout
    // covers every eligible blob; from then on only the challenged ones.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(sliver(honest, other, other.pairForShard(shard, n)).statusCode()).isEqualTo(200));
    assertThat(sliver(honest, challenged, challenged.pairForShard(shard, n)).statusCode()).isEqualTo(503);
    long close = seeded.tCloseMs();
    await().atMost(EPOCH).pollInterval(Duration.ofMillis(500)).until(() ->
        net.ledger.challengeEpoch(OptionalInt.of(seeded.epoch()), false).nowMs() > close + 1_500);
    assertThat(sliver(honest, challenged, challenged.pairForShard(shard, n)).statusCode()).isEqualTo(200);
  }

  static HttpResponse<String> sliver(CommitteeView.Member node, BlobId blob, int pair) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(node) + "/v1/blobs/" + blob
        + "/slivers/" + pair + "/primary")).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A counter from node {@code i}'s Prometheus metrics (0 if absent). */
  static double metric(ChallengeNet net, int i, String pattern) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(net.network.nodes().get(i))
        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("^" + pattern + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
