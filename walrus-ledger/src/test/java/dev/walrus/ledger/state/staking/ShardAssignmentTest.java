package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.staking.ApportionmentTest.allocations;
import static dev.walrus.ledger.state.staking.ApportionmentTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Shard IDs for new committees with the fewest moves (ledger.md §4.5). */
class ShardAssignmentTest {
  private final ObjectId n1 = id(1);
  private final ObjectId n2 = id(2);
  private final ObjectId n3 = id(3);
  private final ObjectId n4 = id(4);
  private final ObjectId n5 = id(5);

  private SortedMap<ObjectId, List<Integer>> old() {
    return new TreeMap<>(Map.of(n1, List.of(0, 1, 2), n2, List.of(3), n3, List.of(4, 5)));
  }

  @Test
  void firstCommitteeHandsOutIdsInNodeIdOrder() {
    SortedMap<ObjectId, List<Integer>> c = ShardAssignment.initialize(allocations(n3, 2, n1, 3, n2, 1));
    assertThat(c).containsExactly(
        Map.entry(n1, List.of(0, 1, 2)), Map.entry(n2, List.of(3)), Map.entry(n3, List.of(4, 5)));
  }

  @Test
  void unchangedCountsKeepEveryShard() {
    assertThat(ShardAssignment.transition(old(), allocations(n3, 2, n2, 1, n1, 3))).isEqualTo(old());
  }

  @Test
  void shrinkingNodesGiveTheirLastShardsToGrowingNodes() {
    // n1 gives up shard 2 (its last); n2 grows and takes it.
    assertThat(ShardAssignment.transition(old(), allocations(n1, 2, n2, 2, n3, 2))).containsExactly(
        Map.entry(n1, List.of(0, 1)), Map.entry(n2, List.of(3, 2)), Map.entry(n3, List.of(4, 5)));
  }

  @Test
  void leavingNodesFreeAllShardsAndNewNodesPopTheStackFirst() {
    // to_move = [0,1,2,3] (n1 then n2 leave); n3 grows, so it moves behind the new nodes:
    // n5 pops 3 and 2, n4 pops 1, n3 pops 0.
    assertThat(ShardAssignment.transition(old(), allocations(n5, 2, n3, 3, n4, 1))).containsExactly(
        Map.entry(n3, List.of(4, 5, 0)), Map.entry(n4, List.of(1)), Map.entry(n5, List.of(3, 2)));
  }

  @Test
  void growingNodesAreServedInNodeIdOrderAfterNewNodes() {
    // n1 shrinks (frees its last shard, 2), n3 leaves (frees 4, 5): the stack is [2, 4, 5];
    // new node n4 pops 5, then growing n2 (moved behind it) pops 4 and 2.
    SortedMap<ObjectId, List<Integer>> next = ShardAssignment.transition(old(), allocations(n4, 1, n2, 3, n1, 2));
    assertThat(next).containsExactly(
        Map.entry(n1, List.of(0, 1)), Map.entry(n2, List.of(3, 4, 2)), Map.entry(n4, List.of(5)));
  }

  @Test
  void everyShardIsAssignedExactlyOnce() {
    SortedMap<ObjectId, List<Integer>> next = ShardAssignment.transition(old(), allocations(n5, 1, n4, 1, n2, 4));
    assertThat(next.values().stream().flatMap(List::stream).sorted().toList()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(next.get(n2)).startsWith(3);
  }

  @Test
  void countsThatDoNotAddUpAbort() {
    assertThatThrownBy(() -> ShardAssignment.transition(old(), allocations(n1, 3, n2, 1)))
        .isInstanceOfSatisfying(Abort.class, a -> {
          assertThat(a.module()).isEqualTo("committee");
          assertThat(a.code()).isZero();
        });
  }
}
