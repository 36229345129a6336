package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** §12 test 8: votes on penalty sizes, quorum, majority, status quo, effect from the next epoch. */
class PenaltyGovernanceTest {
  static final PenaltyParams HARSHER = new PenaltyParams(20_000, 2_000, 40_000, 10_000, 0);

  /** Node stakes 1000, 1000, 1000, 3000: node 3 alone holds half. */
  static ChallengeNetwork network() {
    return new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 3000);
  }

  @Test
  void aMajorityOfAQuorumChangesThePenaltiesFromTheNextEpoch() {
    ChallengeNetwork n = network();
    n.ok(n.operators.get(0), new Operation.PenaltyPropose(n.caps.get(0), HARSHER));
    byte[] digest = PenaltyProposal.digest(HARSHER);
    n.ok(n.operators.get(0), new Operation.PenaltyVote(n.caps.get(0), Optional.of(digest)));
    n.ok(n.operators.get(3), new Operation.PenaltyVote(n.caps.get(3), Optional.of(digest)));
    assertThat(n.rules().governance().params()).isEqualTo(PenaltyParams.DEFAULTS);
    n.tickTo(n.state().staking().epochStatus().votingEndMs().orElseThrow());
    assertThat(n.rules().governance().params()).isEqualTo(PenaltyParams.DEFAULTS);
    assertThat(n.rules().governance().next()).contains(HARSHER);
    List<LedgerEvent> change = n.nextEpoch();
    assertThat(ChallengeNetwork.of(change, LedgerEvent.PenaltyParamsChanged.class))
        .containsExactly(new LedgerEvent.PenaltyParamsChanged(2, HARSHER));
    assertThat(n.rules().governance().params()).isEqualTo(HARSHER);
    assertThat(n.rules().proposals()).isEmpty();
  }

  @Test
  void aTieOrNoQuorumKeepsTheStatusQuo() {
    ChallengeNetwork n = network();
    n.ok(n.operators.get(0), new Operation.PenaltyPropose(n.caps.get(0), HARSHER));
    byte[] digest = PenaltyProposal.digest(HARSHER);
    // 3000 for, 1000 + 1000 + 1000 for the status quo: half of the votes cast is not more than half.
    n.ok(n.operators.get(3), new Operation.PenaltyVote(n.caps.get(3), Optional.of(digest)));
    for (int i = 0; i < 3; i++) {
      n.ok(n.operators.get(i), new Operation.PenaltyVote(n.caps.get(i), Optional.empty()));
    }
    n.tickTo(n.state().staking().epochStatus().votingEndMs().orElseThrow());
    assertThat(n.rules().governance().next()).isEmpty();
    n.nextEpoch();
    assertThat(n.rules().governance().params()).isEqualTo(PenaltyParams.DEFAULTS);

    // Only node 0 votes (1000 of 6000 < a third): no quorum.
    n.ok(n.operators.get(1), new Operation.PenaltyPropose(n.caps.get(1), HARSHER));
    n.ok(n.operators.get(0), new Operation.PenaltyVote(n.caps.get(0), Optional.of(digest)));
    n.tickTo(n.state().staking().epochStatus().votingEndMs().orElseThrow());
    assertThat(n.rules().governance().next()).isEmpty();
  }

  @Test
  void aLaterVoteReplacesTheEarlierOne() {
    ChallengeNetwork n = network();
    n.ok(n.operators.get(0), new Operation.PenaltyPropose(n.caps.get(0), HARSHER));
    byte[] digest = PenaltyProposal.digest(HARSHER);
    n.ok(n.operators.get(3), new Operation.PenaltyVote(n.caps.get(3), Optional.of(digest)));
    n.ok(n.operators.get(0), new Operation.PenaltyVote(n.caps.get(0), Optional.of(digest)));
    n.ok(n.operators.get(0), new Operation.PenaltyVote(n.caps.get(0), Optional.empty()));
    n.tickTo(n.state().staking().epochStatus().votingEndMs().orElseThrow());
    // 3000 of 4000 cast is a majority; the changed vote no longer counts for the proposal.
    assertThat(n.rules().governance().next()).contains(HARSHER);
  }
}
