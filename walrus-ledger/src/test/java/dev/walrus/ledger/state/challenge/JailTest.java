package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.staking.StakingErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** §12 test 20 on the ledger: supermajority failure in {@code jail_after} epochs jails a node. */
class JailTest {

  @Test
  void aNodeFailingTwiceInARowSitsOutACommitteeAndComesBack() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    for (int i = 0; i < 4; i++) {
      n.storeBlob(1000, 10, false);
    }
    n.nextEpoch();
    ObjectId node = n.nodes.get(2);
    List<LedgerEvent> first = fail(n, 2);
    assertThat(ChallengeNetwork.of(first, LedgerEvent.NodeJailed.class)).isEmpty();
    List<LedgerEvent> second = fail(n, 2);
    assertThat(ChallengeNetwork.of(second, LedgerEvent.NodeJailed.class))
        .containsExactly(new LedgerEvent.NodeJailed(node, 5));
    assertThat(n.epoch()).isEqualTo(4);
    assertThat(n.state().staking().activeSet().indexOf(node)).isNegative();
    TransactionEffects e = n.net.run(n.operators.get(2), new Operation.TryJoinActiveSet(n.caps.get(2)));
    assertThat(e.abort().module() + "::" + e.abort().code())
        .isEqualTo(StakingErrors.STAKING_INNER + "::" + StakingErrors.NODE_JAILED);
    // The committee of epoch 5, selected in epoch 4, goes without it.
    n.tickTo(n.state().staking().epochStatus().votingEndMs().orElseThrow());
    assertThat(n.state().staking().nextCommittee().orElseThrow().indexOf(node)).isNegative();
    n.nextEpoch();
    assertThat(n.epoch()).isEqualTo(5);
    assertThat(n.committee().indexOf(node)).isNegative();
    // Released at epoch 5: back in the active set for the next selection.
    assertThat(n.state().staking().activeSet().indexOf(node)).isNotNegative();
  }

  @Test
  void passingInBetweenResetsTheStreak() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    for (int i = 0; i < 4; i++) {
      n.storeBlob(1000, 10, false);
    }
    n.nextEpoch();
    fail(n, 2);
    n.ackAll(n.all());
    n.reportAll(n.noFailures(), n.all());
    n.nextEpoch();
    assertThat(ChallengeNetwork.of(fail(n, 2), LedgerEvent.NodeJailed.class)).isEmpty();
  }

  static List<LedgerEvent> fail(ChallengeNetwork n, int node) {
    n.ackAll(n.all());
    n.reportAll(Map.of(node, ChallengeCycleTest.shards(n, node)), n.all());
    return n.nextEpoch();
  }
}
