package dev.walrus.ledger.state.staking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Price ({@code quorum_below}, §6.1) and capacity ({@code quorum_above}, §6.2) tallies. */
class QuorumVotesTest {

  private static List<QuorumVotes.Vote> votes(long[] values, int[] weights) {
    List<QuorumVotes.Vote> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new QuorumVotes.Vote(values[i], weights[i]));
    }
    return out;
  }

  private static final long[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void quorumBelowSpecVector() {
    assertThat(QuorumVotes.quorumBelow(votes(ONE_TO_TEN, new int[] {5, 5, 4, 6, 3, 7, 4, 6, 1, 9}), 50)).isEqualTo(7);
  }

  @Test
  void quorumBelowWhenTheTopHoldsAQuorum() {
    assertThat(QuorumVotes.quorumBelow(votes(ONE_TO_TEN, new int[] {5, 5, 4, 6, 3, 7, 1, 1, 1, 17}), 50)).isEqualTo(10);
    assertThat(QuorumVotes.quorumBelow(votes(new long[] {1}, new int[] {50}), 50)).isEqualTo(1);
  }

  @Test
  void quorumAboveSpecVector() {
    assertThat(QuorumVotes.quorumAbove(votes(ONE_TO_TEN, new int[] {5, 5, 4, 6, 3, 7, 2, 8, 1, 9}), 50)).isEqualTo(4);
  }

  @Test
  void quorumAboveWhenTheBottomHoldsAQuorum() {
    assertThat(QuorumVotes.quorumAbove(votes(ONE_TO_TEN, new int[] {17, 1, 1, 1, 3, 7, 2, 8, 1, 9}), 50)).isEqualTo(1);
    assertThat(QuorumVotes.quorumAbove(votes(new long[] {1}, new int[] {50}), 50)).isEqualTo(1);
  }

  @Test
  void orderOfVotesDoesNotMatter() {
    List<QuorumVotes.Vote> v = votes(ONE_TO_TEN, new int[] {5, 5, 4, 6, 3, 7, 4, 6, 1, 9});
    java.util.Collections.reverse(v);
    assertThat(QuorumVotes.quorumBelow(v, 50)).isEqualTo(7);
  }

  @Test
  void quorumIsTwoThirdsPlusOne() {
    assertThat(QuorumVotes.isQuorum(667, 1000)).isTrue();
    assertThat(QuorumVotes.isQuorum(666, 1000)).isFalse();
    assertThat(QuorumVotes.isQuorum(7, 10)).isTrue();
    assertThat(QuorumVotes.isQuorum(6, 10)).isFalse();
  }

  @Test
  void capacityVoteIsExtrapolatedAndCapped() {
    assertThat(EpochStateMachine.capacityVote(1000, 10, 4)).isEqualTo(2500);
    assertThat(EpochStateMachine.capacityVote(Long.MAX_VALUE, 1000, 1)).isEqualTo(Long.MAX_VALUE);
  }
}
