package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.TxContext;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The system side of an epoch change (§4.6 steps 1 and 3) and the reward formula (§5.8). */
class AdvanceEpochTest {
  static final long MIB = 1L << 20;
  static final long CAPACITY = 1L << 40;

  final SystemHarness h = new SystemHarness();
  final TestCommittee c = TestCommittee.of(1, 5, 400, 300, 200, 100);

  @BeforeEach
  void enterEpochOne() {
    SystemHarness.EpochChange first = h.advanceEpoch(c.committee, CAPACITY);
    assertThat(first.rewards()).isEmpty();
  }

  ObjectId node(int i) {
    return c.committee.members().get(i).nodeId();
  }

  @Test
  void burnsThreePercentAndSharesTheRestByShardsTimesUsedCapacity() {
    h.ok(h.alice, new Operation.ReserveSpace(10 * MIB, 1));
    h.ok(h.carol, new Operation.AddSubsidy(1_000_003, 1));
    long burntBefore = h.state().services().treasury().burnt();
    long nextPot = h.system.rewardPot(1);

    SystemHarness.EpochChange change = h.advanceEpoch(c.forEpoch(2).committee, CAPACITY);

    assertThat(change.events()).containsExactly(new LedgerEvent.WalBurned(1, 30_000));
    assertThat(h.state().services().treasury().burnt()).isEqualTo(burntBefore + 30_000);
    // pot' = 970,003 shared 4:3:2:1 with floors: 388,001 + 291,000 + 194,000 + 97,000 = 970,001.
    assertThat(change.rewards()).containsExactly(
        Map.entry(node(0), 388_001L), Map.entry(node(1), 291_000L),
        Map.entry(node(2), 194_000L), Map.entry(node(3), 97_000L));
    assertThat(h.system.rewardPot(0)).isEqualTo(nextPot + 2);
    assertThat(h.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void anEpochWithNothingStoredPaysNobodyAndRollsThePotOver() {
    h.ok(h.carol, new Operation.AddSubsidy(5_000, 2));
    SystemHarness.EpochChange change = h.advanceEpoch(c.forEpoch(2).committee, CAPACITY);
    assertThat(change.rewards()).containsOnlyKeys(node(0), node(1), node(2), node(3));
    assertThat(change.rewards().values()).containsOnly(0L);
    assertThat(h.system.rewardPot(0)).isEqualTo(2_500 + (2_500 - 75));
    assertThat(h.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void theFirstEpochChangeHasNoCommitteeToPay() {
    SystemHarness fresh = new SystemHarness();
    fresh.ok(fresh.carol, new Operation.AddSubsidy(1_000, 1));
    SystemHarness.EpochChange change = fresh.advanceEpoch(c.committee, CAPACITY);
    assertThat(change.rewards()).isEmpty();
    assertThat(fresh.system.rewardPot(0)).isEqualTo(970);
    assertThat(fresh.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void capacityBecomesTheVoteButNeverLessThanWhatIsReserved() {
    h.ok(h.alice, new Operation.ReserveSpace(30 * MIB, 3));
    h.ok(h.alice, new Operation.ReserveSpaceForEpochs(5 * MIB, 2, 3));
    h.advanceEpoch(c.forEpoch(2).committee, 100 * MIB);
    assertThat(h.system.usedCapacitySize()).isEqualTo(35 * MIB);
    assertThat(h.system.totalCapacitySize()).isEqualTo(100 * MIB);
    h.advanceEpoch(c.forEpoch(3).committee, 10 * MIB);
    assertThat(h.system.usedCapacitySize()).isEqualTo(30 * MIB);
    assertThat(h.system.totalCapacitySize()).isEqualTo(30 * MIB);
    h.aborts(h.alice, new Operation.ReserveSpace(1, 1), "system_state_inner", 1);
    // A vote of u64::MAX (an empty committee's) is kept as the largest value the state holds.
    h.advanceEpoch(c.forEpoch(4).committee, -1);
    assertThat(h.system.usedCapacitySize()).isZero();
    assertThat(h.system.totalCapacitySize()).isEqualTo(Long.MAX_VALUE);
    h.ok(h.alice, new Operation.ReserveSpace(1L << 50, 1));
    h.setPrices(-1, -1);
    assertThat(h.system.storagePrice()).isEqualTo(Long.MAX_VALUE);
    h.aborts(h.alice, new Operation.ReserveSpace(1, 1), "balance", 2);
    h.aborts(h.alice, new Operation.ReserveSpace(2 * MIB, 1), "arithmetic", 0);
  }

  @Test
  void theRingMovesOnAndOpensTheEpochLengthAhead() {
    h.ok(h.carol, new Operation.AddSubsidy(53 * 10, 53));
    assertThat(h.system.futureAccounting(52)).isEqualTo(new FutureAccounting(53, 0, 10));
    h.advanceEpoch(c.forEpoch(2).committee, CAPACITY);
    assertThat(h.system.futureAccounting(0).epoch()).isEqualTo(2);
    assertThat(h.system.futureAccounting(51)).isEqualTo(new FutureAccounting(53, 0, 10));
    assertThat(h.system.futureAccounting(52)).isEqualTo(new FutureAccounting(54, 0, 0));
    for (int e = 3; e < 120; e++) {
      h.advanceEpoch(c.forEpoch(e).committee, CAPACITY);
    }
    for (int i = 0; i < 53; i++) {
      assertThat(h.system.futureAccounting(i).epoch()).isEqualTo(119 + i);
    }
    assertThat(h.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void onlyTheNextEpochCanFollow() {
    TxContext ctx = new TxContext(h.address(h.alice), new byte[32], 0, 0);
    for (int wrong : List.of(1, 3, 0)) {
      assertThatThrownBy(() -> h.system.advanceEpoch(ctx, c.committee, wrong, CAPACITY))
          .isInstanceOfSatisfying(Abort.class, a -> {
            assertThat(a.module()).isEqualTo("system_state_inner");
            assertThat(a.code()).isEqualTo(5);
          });
    }
    assertThat(ctx.events()).isEmpty();
  }

  @Test
  void rewardsFollowTheFormulaWithDenyLists() {
    Committee committee = c.committee;
    // U = 1000; node 1 refuses 400 bytes, node 2 more than U (capped at U).
    RewardDistribution d = RewardDistribution.compute(
        1_000_000, 1000, committee, Map.of(node(1), 400L, node(2), 5000L));
    // x = 400·1000, 300·600, 200·0, 100·1000 = 400,000 + 180,000 + 0 + 100,000 = 680,000.
    assertThat(d.rewards()).containsExactly(
        Map.entry(node(0), 588_235L), Map.entry(node(1), 264_705L),
        Map.entry(node(2), 0L), Map.entry(node(3), 147_058L));
    assertThat(d.leftover()).isEqualTo(1_000_000 - 588_235 - 264_705 - 147_058);
  }

  @Test
  void rewardsOfAnEmptyCommitteeOrAnEmptyPot() {
    RewardDistribution none = RewardDistribution.compute(77, 1000, Committee.empty(3), Map.of());
    assertThat(none.rewards()).isEmpty();
    assertThat(none.leftover()).isEqualTo(77);
    SortedMap<ObjectId, Long> zero = RewardDistribution.compute(0, 1000, c.committee, Map.of()).rewards();
    assertThat(zero.values()).containsOnly(0L);
  }

  @Test
  void rewardProductsBeyondU128AbortAsInMove() {
    assertThatThrownBy(() -> RewardDistribution.compute(Long.MAX_VALUE, Long.MAX_VALUE, c.committee, Map.of()))
        .isInstanceOfSatisfying(Abort.class, a -> assertThat(a.module()).isEqualTo("arithmetic"));
    RewardDistribution large = RewardDistribution.compute(GenesisConfig.TOTAL_SUPPLY, 1L << 50, c.committee, Map.of());
    assertThat(large.rewards().get(node(0))).isEqualTo(GenesisConfig.TOTAL_SUPPLY / 10 * 4);
  }
}
