package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.StakingTestLedger.address;
import static dev.walrus.ledger.state.staking.StakingFixtures.WAL;
import static dev.walrus.ledger.state.staking.StakingFixtures.only;
import static dev.walrus.ledger.state.staking.StakingFixtures.register;
import static dev.walrus.ledger.state.staking.StakingFixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.StakingTestLedger;
import dev.walrus.ledger.state.staking.StakingFixtures.Node;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slashing by committee vote burns the candidate's commission (ledger.md §7). */
class SlashingTest {
  private final Address opA = address(1);
  private final Address opB = address(2);
  private final Address opC = address(3);
  private final Address alice = address(4);
  private final StakingTestLedger l = new StakingTestLedger(10, 10_000, 100_000, opA, opB, opC, alice);
  private Node a;
  private Node b;
  private Node c;

  /** A, B, C hold 4, 3, 3 shards in epoch 2; C has 50 WAL of blocked commission. */
  @BeforeEach
  void setUp() {
    a = register(l, 1, opA, 0);
    b = register(l, 2, opB, 0);
    c = register(l, 3, opC, 10_000);
    for (Node n : List.of(a, b, c)) {
      stake(l, alice, n, 1000);
    }
    l.tickTo(l.genesis.genesisTimeMs() + 10_000);
    l.system.fund(address(999), 50 * WAL);
    l.system.planReward(c.id(), 50 * WAL);
    Epochs.nextEpoch(l, a, b, c);
    Epochs.syncDone(l, a, b, c);
    assertThat(l.staking.committee().weightOf(a.id())).isEqualTo(4);
    assertThat(commission(c).balance()).isEqualTo(50 * WAL);
  }

  @AfterEach
  void walIsConserved() {
    assertThat(l.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  private Commission commission(Node n) {
    return l.staking.pool(n.id()).orElseThrow().pool().commission();
  }

  private StakingTestLedger.Outcome vote(Node voter, Node candidate) {
    return l.run(voter.operator(), new Operation.VoteForSlashing(voter.id(), candidate.id()));
  }

  @Test
  void aQuorumBurnsTheWholeCommission() {
    assertThat(vote(a, c).ok()).isTrue();
    var notYet = l.run(alice, new Operation.ExecuteSlashing(c.id()));
    assertThat(notYet.abort().module()).isEqualTo("slashing");
    assertThat(notYet.abort().code()).isEqualTo(4);
    assertThat(l.staking.slashingProposals()).containsKey(c.id());
    assertThat(vote(b, c).ok()).isTrue();
    assertThat(l.staking.slashingProposals().get(c.id())).isEqualTo(new SlashingProposal(2, 7, List.of(a.id(), b.id())));

    long burntBefore = l.services.treasury().burnt();
    var out = l.ok(alice, new Operation.ExecuteSlashing(c.id()));
    assertThat(only(out.events(), LedgerEvent.NodeSlashed.class)).isEqualTo(new LedgerEvent.NodeSlashed(2, c.id(), 50 * WAL));
    assertThat(only(out.events(), LedgerEvent.WalBurned.class).amount()).isEqualTo(50 * WAL);
    assertThat(l.services.treasury().burnt() - burntBefore).isEqualTo(50 * WAL);
    assertThat(commission(c).balance()).isZero();
    assertThat(commission(c).blocked()).isZero();
    assertThat(l.staking.slashingProposals()).isEmpty();
    assertThat(l.run(alice, new Operation.ExecuteSlashing(c.id())).abort().code()).isEqualTo(2);
  }

  @Test
  void votesNeedAuthorityMembershipAndUniqueness() {
    var unauthorized = l.run(alice, new Operation.VoteForSlashing(a.id(), c.id()));
    assertThat(unauthorized.abort().module()).isEqualTo("slashing");
    assertThat(unauthorized.abort().code()).isZero();
    vote(a, c);
    assertThat(vote(a, c).abort().code()).isEqualTo(1);
    Node outsider = register(l, 4, alice, 0);
    var notMember = vote(outsider, c);
    assertThat(notMember.abort().module()).isEqualTo("staking_inner");
    assertThat(notMember.abort().code()).isEqualTo(4);
    l.ok(opA, new Operation.SetGovernanceAuthorized(a.id(), alice));
    assertThat(l.run(opA, new Operation.SetGovernanceAuthorized(a.id(), opA)).abort().code()).isEqualTo(15);
    assertThat(l.run(alice, new Operation.VoteForSlashing(a.id(), b.id())).ok()).isTrue();
  }

  @Test
  void proposalsExpireWithTheirEpoch() {
    vote(a, c);
    vote(b, c);
    Epochs.toVotingEnd(l);
    Epochs.toEpochChange(l);
    var stale = l.run(alice, new Operation.ExecuteSlashing(c.id()));
    assertThat(stale.abort().code()).isEqualTo(3);
    assertThat(l.staking.slashingProposals()).containsKey(c.id());
    l.ok(alice, new Operation.CleanupSlashingProposals(List.of(c.id(), a.id())));
    assertThat(l.staking.slashingProposals()).isEmpty();

    vote(a, c);
    Epochs.syncDone(l, a, b, c);
    Epochs.toVotingEnd(l);
    Epochs.toEpochChange(l);
    vote(b, c);
    // The old vote was dropped: B's vote starts the proposal afresh.
    assertThat(l.staking.slashingProposals().get(c.id()).voters()).containsExactly(b.id());
  }
}
