package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.StakingTestLedger.address;
import static dev.walrus.ledger.state.staking.StakingFixtures.WAL;
import static dev.walrus.ledger.state.staking.StakingFixtures.only;
import static dev.walrus.ledger.state.staking.StakingFixtures.register;
import static dev.walrus.ledger.state.staking.StakingFixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.StakingTestLedger;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import dev.walrus.ledger.state.staking.StakingFixtures.Node;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Registering and maintaining a node (ledger.md §8). */
class RegistrationTest {
  private final Address operator = address(1);
  private final Address alice = address(2);
  private final StakingTestLedger l = new StakingTestLedger(10, 10_000, 100_000, operator, alice);

  @Test
  void registrationCreatesThePoolAndTheSendersCap() {
    var out = l.ok(operator, StakingFixtures.registration(1, 0, operator, 700, 11, 22, 33));
    var created = only(out.events(), LedgerEvent.StakingPoolCreated.class);
    assertThat(created).isEqualTo(new LedgerEvent.StakingPoolCreated(0, created.nodeId(), created.nodeCapId(), operator, "node-1"));
    assertThat(out.created()).containsExactly(created.nodeId(), created.nodeCapId());
    assertThat(l.services.objects().find(created.nodeCapId()))
        .isEqualTo(new StorageNodeCap(created.nodeCapId(), operator, created.nodeId(), 0));

    PoolView view = l.staking.pool(created.nodeId()).orElseThrow();
    StakingPool pool = view.pool();
    assertThat(pool.activationEpoch()).isZero();
    assertThat(pool.accounting()).isEqualTo(StakeAccounting.empty(0));
    assertThat(pool.votes()).isEqualTo(new VotingParams(11, 22, 33));
    assertThat(pool.commission()).isEqualTo(new Commission(700, PendingValues.EMPTY, 0, 0, operator, operator));
    assertThat(pool.info()).isEqualTo(new NodeInfo("node-1", "node1.example:9185", StakingFixtures.bls(1).publicKey(),
        Optional.empty(), StakingFixtures.networkKey(1)));
    assertThat(view.exchangeRates()).isEqualTo(Map.of(0, ExchangeRate.FLAT));
    assertThat(view.stake()).isZero();
    assertThat(l.staking.activeSet().nodes()).isEmpty();
  }

  @Test
  void aNodeRegisteredAfterVotingEndActivatesNextEpoch() {
    Node first = register(l, 1, operator, 0);
    stake(l, alice, first, 10);
    l.tickTo(l.genesis.genesisTimeMs() + 10_000);
    Epochs.syncDone(l, first);
    Epochs.toVotingEnd(l);
    Node late = register(l, 2, operator, 0);
    assertThat(l.staking.pool(late.id()).orElseThrow().pool().activationEpoch()).isEqualTo(2);
    assertThat(l.staking.pool(late.id()).orElseThrow().exchangeRates()).containsOnlyKeys(2);
  }

  @Test
  void onlyStakeBringsANodeIntoTheActiveSet() {
    Node n = register(l, 1, operator, 0);
    l.ok(operator, new Operation.TryJoinActiveSet(n.cap()));
    assertThat(l.staking.activeSet().nodes()).isEmpty();
    stake(l, alice, n, 2);
    assertThat(l.staking.activeSet().nodes()).containsExactly(new ActiveSet.Entry(n.id(), 2 * WAL));
    assertThat(l.staking.pool(n.id()).orElseThrow().nextStake()).isEqualTo(2 * WAL);
  }

  @Test
  void maintenanceUpdatesNodeInfoAndVotes() {
    Node n = register(l, 1, operator, 0);
    byte[] key = StakingFixtures.networkKey(9);
    l.ok(operator, new Operation.UpdateNodeInfo(n.cap(), Optional.of("renamed"), Optional.empty(), Optional.of(key)));
    l.ok(operator, new Operation.UpdateNodeInfo(n.cap(), Optional.empty(), Optional.of("h:1"), Optional.empty()));
    l.ok(operator, new Operation.SetStoragePriceVote(n.cap(), 7));
    l.ok(operator, new Operation.SetWritePriceVote(n.cap(), 8));
    l.ok(operator, new Operation.SetNodeCapacityVote(n.cap(), 9));
    StakingPool pool = l.staking.pool(n.id()).orElseThrow().pool();
    assertThat(pool.info().name()).isEqualTo("renamed");
    assertThat(pool.info().networkAddress()).isEqualTo("h:1");
    assertThat(pool.info().networkPublicKey()).isEqualTo(key);
    assertThat(pool.votes()).isEqualTo(new VotingParams(7, 8, 9));
    assertThat(l.run(alice, new Operation.SetNodeCapacityVote(n.cap(), 1)).abort().module()).isEqualTo("object");
  }
}
