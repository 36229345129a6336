package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.staking.ApportionmentTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import org.junit.jupiter.api.Test;

/** The active set's vector semantics (ledger.md §4.3): push, overwrite, swap-remove, evict. */
class ActiveSetTest {
  private final ObjectId a = id(1);
  private final ObjectId b = id(2);
  private final ObjectId c = id(3);
  private final ObjectId d = id(4);
  private final ObjectId e = id(5);

  @Test
  void pushesWhileThereIsRoomAndOverwritesInPlace() {
    ActiveSet s = ActiveSet.empty(3).insertOrUpdate(a, 10).insertOrUpdate(b, 20).insertOrUpdate(a, 30);
    assertThat(s.nodes()).containsExactly(new ActiveSet.Entry(a, 30), new ActiveSet.Entry(b, 20));
    assertThat(s.totalStake()).isEqualTo(50);
  }

  @Test
  void zeroStakeSwapRemoves() {
    ActiveSet s = ActiveSet.empty(5).insertOrUpdate(a, 1).insertOrUpdate(b, 2).insertOrUpdate(c, 3).insertOrUpdate(d, 4);
    s = s.insertOrUpdate(b, 0);
    assertThat(s.nodes()).extracting(ActiveSet.Entry::nodeId).containsExactly(a, d, c);
    assertThat(s.totalStake()).isEqualTo(8);
    s = s.insertOrUpdate(c, 0);
    assertThat(s.nodes()).extracting(ActiveSet.Entry::nodeId).containsExactly(a, d);
    assertThat(s.insertOrUpdate(e, 0)).isEqualTo(s);
  }

  @Test
  void aFullSetReplacesTheFirstSmallestStakeBelowTheNewOne() {
    ActiveSet s = ActiveSet.empty(3).insertOrUpdate(a, 10).insertOrUpdate(b, 5).insertOrUpdate(c, 5);
    ActiveSet withD = s.insertOrUpdate(d, 6);
    assertThat(withD.nodes()).extracting(ActiveSet.Entry::nodeId).containsExactly(a, d, c);
    assertThat(withD.totalStake()).isEqualTo(21);
    assertThat(s.insertOrUpdate(e, 5)).isEqualTo(s);
    assertThat(s.insertOrUpdate(e, 4)).isEqualTo(s);
  }

  @Test
  void maxSizeMustBePositive() {
    assertThatThrownBy(() -> ActiveSet.empty(0)).isInstanceOfSatisfying(Abort.class,
        x -> assertThat(x.module()).isEqualTo("active_set"));
  }
}
