package dev.walrus.ledger.state.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D'Hondt with the per-node cap (ledger.md §4.4): the six vectors and the edge rules. */
class ApportionmentTest {

  @Test
  void equalStakesBreakTiesTowardsEarlierEntries() {
    assertThat(Apportionment.dhondt(new long[] {25000, 25000, 25000, 25000}, 778)).containsExactly(195, 195, 194, 194);
  }

  @Test
  void specVectors() {
    assertThat(Apportionment.dhondt(new long[] {50000, 30000, 15000, 5000}, 777)).containsExactly(389, 234, 116, 38);
    assertThat(Apportionment.dhondt(new long[] {50000, 50000, 30000, 15000, 15000, 5000}, 1000))
        .containsExactly(303, 303, 182, 91, 91, 30);
    assertThat(Apportionment.dhondt(new long[] {780000, 650000, 520000, 390000, 260000}, 18))
        .containsExactly(6, 5, 4, 2, 1);
    assertThat(Apportionment.dhondt(new long[] {1, 0, 0}, 5)).containsExactly(4, 1, 0);
  }

  @Test
  void capLimitsTheLargestStaker() {
    // 4 nodes: cap = ceil(1000 · 20 / 40) = 500.
    assertThat(Apportionment.dhondt(new long[] {600, 100, 200, 100}, 1000)).containsExactly(500, 125, 250, 125);
  }

  @Test
  void capIsATenthFromTwentyNodes() {
    assertThat(Apportionment.maxShardsPerNode(20, 1000)).isEqualTo(100);
    assertThat(Apportionment.maxShardsPerNode(19, 1000)).isEqualTo(106);
    assertThat(Apportionment.maxShardsPerNode(1, 1000)).isEqualTo(2000);
    long[] stakes = new long[25];
    stakes[0] = 1_000_000;
    for (int i = 1; i < 25; i++) {
      stakes[i] = 1;
    }
    int[] shards = Apportionment.dhondt(stakes, 1000);
    assertThat(shards[0]).isEqualTo(100);
    assertThat(java.util.Arrays.stream(shards).sum()).isEqualTo(1000);
  }

  @Test
  void noStakeAborts() {
    assertThatThrownBy(() -> Apportionment.dhondt(new long[] {0, 0}, 10))
        .isInstanceOfSatisfying(Abort.class, a -> {
          assertThat(a.module()).isEqualTo("staking_inner");
          assertThat(a.code()).isEqualTo(3);
        });
    assertThatThrownBy(() -> Apportionment.dhondt(new long[0], 10)).isInstanceOf(Abort.class);
  }

  @Test
  void aCapOfZeroRunsTheQueueDryAndIsReportedInfeasible() {
    long[] stakes = new long[20];
    java.util.Arrays.fill(stakes, 5);
    assertThat(Apportionment.feasible(stakes, 9)).isFalse();
    assertThatThrownBy(() -> Apportionment.dhondt(stakes, 9))
        .isInstanceOfSatisfying(Abort.class, a -> assertThat(a.module()).isEqualTo("apportionment_queue"));
    assertThat(Apportionment.feasible(stakes, 10)).isTrue();
    assertThat(Apportionment.feasible(new long[] {0}, 10)).isFalse();
  }

  @Test
  void apportionKeepsActiveSetOrderAndDropsNodesWithoutShards() {
    ObjectId a = id(3);
    ObjectId b = id(1);
    ObjectId c = id(2);
    ActiveSet set = ActiveSet.empty(10).insertOrUpdate(a, 1).insertOrUpdate(b, 1000).insertOrUpdate(c, 1000);
    assertThat(Apportionment.apportion(set, 10)).containsExactly(
        new Apportionment.Allocation(b, 5), new Apportionment.Allocation(c, 5));
  }

  @Test
  void quotientsCompareExactlyBeyond64Bits() {
    long big = Long.MAX_VALUE / 3;
    assertThat(Apportionment.compareProducts(big, 65536, big - 1, 65536)).isPositive();
    assertThat(Apportionment.compareProducts(big, 2, big * 2, 1)).isZero();
    assertThat(Apportionment.dhondt(new long[] {big, big, big}, 65535)).containsExactly(21845, 21845, 21845);
  }

  static ObjectId id(int i) {
    byte[] b = new byte[32];
    b[31] = (byte) i;
    b[30] = (byte) (i >> 8);
    return ObjectId.of(b);
  }

  static List<Apportionment.Allocation> allocations(Object... pairs) {
    java.util.ArrayList<Apportionment.Allocation> out = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(new Apportionment.Allocation((ObjectId) pairs[i], (Integer) pairs[i + 1]));
    }
    return out;
  }
}
