package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole epochs on a ledger with challenges: seed, set, reports, verdicts, rewards and penalties. */
class ChallengeCycleTest {

  /** Four nodes of equal stake on 16 shards, 8 blobs stored in epoch 1. */
  static ChallengeNetwork network() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    for (int i = 0; i < 8; i++) {
      n.storeBlob(1000 + i, 5, i % 2 == 0);
    }
    n.nextEpoch();
    assertThat(n.epoch()).isEqualTo(2);
    return n;
  }

  @Test
  void happyPathJudgesNobodyAndPaysAsWithoutChallenges() {
    ChallengeNetwork n = network();
    BlockResult acks = n.ackAll(n.all());
    List<LedgerEvent.ChallengeSeeded> seeded = ChallengeNetwork.of(events(acks), LedgerEvent.ChallengeSeeded.class);
    assertThat(seeded).hasSize(1);
    assertThat(seeded.get(0).blobIds()).hasSize(8).isSorted();
    assertThat(n.current().status()).isEqualTo(ChallengeStatus.SEEDED);
    n.reportAll(n.noFailures(), n.all());
    List<LedgerEvent> change = n.nextEpoch();
    List<LedgerEvent.ChallengeResult> results = ChallengeNetwork.of(change, LedgerEvent.ChallengeResult.class);
    assertThat(results).hasSize(4).allSatisfy(r -> {
      assertThat(r.failed()).isZero();
      assertThat(r.dataFail()).isFalse();
      assertThat(r.issueFail()).isFalse();
      assertThat(r.rewardWithheld()).isZero();
      assertThat(r.penalty()).isZero();
    });
    assertThat(ChallengeNetwork.of(change, LedgerEvent.PenaltyApplied.class)).isEmpty();
    assertThat(n.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
    assertThat(n.rules().epoch(2).orElseThrow().status()).isEqualTo(ChallengeStatus.FINAL);
  }

  @Test
  void aDropperFailsWithinTheEpochLosesItsRewardAndPays() {
    ChallengeNetwork n = network();
    ObjectId dropper = n.nodes.get(2);
    Committee c = n.committee();
    List<Integer> dropperShards = c.members().get(c.indexOf(dropper)).shards();
    n.ackAll(n.all());
    // The three others flag every shard of node 2; node 2 reports honestly about the rest.
    n.reportAll(Map.of(2, dropperShards), 0, 1, 3);
    n.net.block(1, List.of(n.net.tx(n.client, n.report(2, n.honestEntries(2, Map.of())))));
    long burntBefore = n.state().services().treasury().burnt();
    List<LedgerEvent> change = n.nextEpoch();
    LedgerEvent.ChallengeResult r = result(change, dropper);
    assertThat(r.failed()).isEqualTo(4);
    assertThat(r.dataFail()).isTrue();
    assertThat(r.issueFail()).isFalse();
    assertThat(r.rewardWithheld()).isPositive();
    assertThat(r.penalty()).isPositive();
    LedgerEvent.PoolRewarded paid = ChallengeNetwork.of(change, LedgerEvent.PoolRewarded.class).stream()
        .filter(p -> p.nodeId().equals(dropper)).findFirst().orElseThrow();
    assertThat(paid.reward()).isZero();
    LedgerEvent.PenaltyApplied applied = ChallengeNetwork.of(change, LedgerEvent.PenaltyApplied.class).get(0);
    assertThat(applied.nodeId()).isEqualTo(dropper);
    assertThat(applied.fromReward() + applied.fromCommission() + applied.fromStake() + applied.toDebt())
        .isEqualTo(r.penalty());
    for (ObjectId other : List.of(n.nodes.get(0), n.nodes.get(1), n.nodes.get(3))) {
      assertThat(result(change, other).failed()).isZero();
      assertThat(result(change, other).penalty()).isZero();
    }
    assertThat(n.state().services().treasury().burnt() - burntBefore).isGreaterThanOrEqualTo(r.rewardWithheld());
    assertThat(n.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void oneLiarCannotFailAnHonestNodeNorSaveADropper() {
    ChallengeNetwork n = network();
    Committee c = n.committee();
    int liar = 3;
    int dropper = 2;
    n.ackAll(n.all());
    n.reportAll(Map.of(dropper, shards(n, dropper)), 0, 1);
    // The liar reports everyone failed except the dropper.
    List<ReportEntry> lies = new ArrayList<>();
    for (Committee.Member m : c.members()) {
      int i = n.indexOf(m.nodeId());
      if (i != liar) {
        int items = n.current().tau() * m.weight();
        lies.add(new ReportEntry(m.nodeId(), ReportEntry.ISSUED | ReportEntry.RECEIVED, items, 0, 0, 0,
            i == dropper ? List.of() : m.shards()));
      }
    }
    n.net.block(1, List.of(n.net.tx(n.client, n.report(liar, lies)),
        n.net.tx(n.client, n.report(dropper, n.honestEntries(dropper, Map.of())))));
    List<LedgerEvent> change = n.nextEpoch();
    assertThat(result(change, n.nodes.get(dropper)).failed()).isEqualTo(4);
    for (int honest : new int[] {0, 1, 3}) {
      assertThat(result(change, n.nodes.get(honest)).failed()).isZero();
    }
  }

  @Test
  void aLazyChallengerIsPenalisedButItsDataPasses() {
    ChallengeNetwork n = network();
    int lazy = 1;
    n.ackAll(n.all());
    // The others report honestly, but node 1 never challenged them (no RECEIVED) and sends no report.
    n.tickTo(n.timing().tClose());
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i : new int[] {0, 2, 3}) {
      List<ReportEntry> entries = new ArrayList<>();
      for (ReportEntry e : n.honestEntries(i, Map.of())) {
        boolean fromLazy = e.target().equals(n.nodes.get(lazy));
        entries.add(new ReportEntry(e.target(), fromLazy ? ReportEntry.ISSUED : e.flags(), e.nItems(), e.nOk(), 0, 0,
            List.of()));
      }
      txs.add(n.net.tx(n.client, n.report(i, entries)));
    }
    n.net.block(1, txs);
    List<LedgerEvent> change = n.nextEpoch();
    LedgerEvent.ChallengeResult r = result(change, n.nodes.get(lazy));
    assertThat(r.issueFail()).isTrue();
    assertThat(r.dataFail()).isFalse();
    assertThat(r.failed()).isZero();
    assertThat(r.penalty()).isPositive();
    assertThat(result(change, n.nodes.get(0)).issueFail()).isFalse();
  }

  @Test
  void missingHonestReportsNeverFailAnyone() {
    ChallengeNetwork n = network();
    n.ackAll(n.all());
    n.reportAll(n.noFailures(), 0);
    List<LedgerEvent> change = n.nextEpoch();
    for (ObjectId node : n.nodes) {
      assertThat(result(change, node).failed()).isZero();
      assertThat(result(change, node).dataFail()).isFalse();
    }
    // Those without reports failed to issue (no report at all), node 0 did not.
    assertThat(result(change, n.nodes.get(0)).issueFail()).isFalse();
    assertThat(result(change, n.nodes.get(1)).issueFail()).isTrue();
  }

  @Test
  void seedIsIdenticalOnReplayAndDependsOnAckOrder() {
    ChallengeNetwork a = network();
    ChallengeNetwork b = network();
    a.ackAll(0, 1, 2, 3);
    b.ackAll(0, 1, 2, 3);
    assertThat(a.current().seed().orElseThrow()).isEqualTo(b.current().seed().orElseThrow());
    assertThat(a.state().stateDigest()).isEqualTo(b.state().stateDigest());
    // The seed covers the acks applied when the quorum was reached (3 of 4 at 4 shards each: 12
    // ≥ 11): whose ack comes last in the block decides which three.
    ChallengeNetwork c = network();
    c.ackAll(3, 2, 1, 0);
    assertThat(c.current().seed().orElseThrow()).isNotEqualTo(a.current().seed().orElseThrow());
  }

  @Test
  void aReplicaReplayingTheLogReachesTheSameState() {
    ChallengeNetwork n = network();
    LedgerState replay = LedgerState.fromSnapshot(n.net.genesis, n.state().snapshot());
    n.ackAll(n.all());
    n.reportAll(n.noFailures(), n.all());
    LedgerState restored = LedgerState.fromSnapshot(n.net.genesis, n.state().snapshot());
    assertThat(restored.stateDigest()).isEqualTo(n.state().stateDigest());
    assertThat(replay.stateDigest()).isNotEqualTo(n.state().stateDigest());
    assertThat(n.state().store().recomputeDigest()).isEqualTo(n.state().stateDigest());
  }

  @Test
  void forceSeedBelowF1SkipsTheEpochAndAtF1Seeds() {
    ChallengeNetwork n = network();
    n.ackAll(0);
    n.tickTo(n.timing().ackDeadline());
    BlockResult r = n.net.block(1, List.of(n.net.tx(n.client, new Operation.ChallengeForceSeed(n.epoch()))));
    assertThat(r.effects().get(0).succeeded()).isTrue();
    assertThat(ChallengeNetwork.of(events(r), LedgerEvent.ChallengeSkipped.class)).hasSize(1);
    assertThat(n.current().status()).isEqualTo(ChallengeStatus.SKIPPED);
    List<LedgerEvent> change = n.nextEpoch();
    assertThat(ChallengeNetwork.of(change, LedgerEvent.ChallengeResult.class)).isEmpty();

    n.ackAll(0, 1);
    n.tickTo(n.timing().ackDeadline());
    r = n.net.block(1, List.of(n.net.tx(n.client, new Operation.ChallengeForceSeed(n.epoch()))));
    assertThat(ChallengeNetwork.of(events(r), LedgerEvent.ChallengeSeeded.class)).hasSize(1);
  }

  @Test
  void nothingEligibleSkips() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    n.nextEpoch();
    BlockResult r = n.ackAll(n.all());
    assertThat(ChallengeNetwork.of(events(r), LedgerEvent.ChallengeSkipped.class)).hasSize(1);
    assertThat(n.current().status()).isEqualTo(ChallengeStatus.SKIPPED);
  }

  static List<Integer> shards(ChallengeNetwork n, int i) {
    Committee c = n.committee();
    return c.members().get(c.indexOf(n.nodes.get(i))).shards();
  }

  static List<LedgerEvent> events(BlockResult r) {
    return r.events().stream().map(e -> e.event()).toList();
  }

  static LedgerEvent.ChallengeResult result(List<LedgerEvent> events, ObjectId node) {
    return ChallengeNetwork.of(events, LedgerEvent.ChallengeResult.class).stream()
        .filter(r -> r.nodeId().equals(node)).findFirst().orElseThrow();
  }
}
