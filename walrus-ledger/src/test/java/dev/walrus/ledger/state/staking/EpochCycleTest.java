package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.StakingTestLedger.address;
import static dev.walrus.ledger.state.staking.StakingFixtures.WAL;
import static dev.walrus.ledger.state.staking.StakingFixtures.all;
import static dev.walrus.ledger.state.staking.StakingFixtures.only;
import static dev.walrus.ledger.state.staking.StakingFixtures.register;
import static dev.walrus.ledger.state.staking.StakingFixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.StakingTestLedger;
import dev.walrus.ledger.state.staking.StakingFixtures.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The epoch state machine (ledger.md §4.1, §4.2, §4.6, §4.7) and the votes it tallies (§6). */
class EpochCycleTest {
  private static final long GENESIS = 1_000_000;
  private static final long EPOCH_ZERO = 10_000;
  private static final long EPOCH = 100_000;
  private final Address operator = address(1);
  private final Address alice = address(2);
  private final StakingTestLedger l = new StakingTestLedger(10, EPOCH_ZERO, EPOCH, operator, alice);

  /** Three nodes with equal stake in this order: D'Hondt gives 4, 3, 3 shards of 10. */
  private Node[] threeNodes() {
    Node a = register(l, 1, operator, 0, 100, 30, 2000);
    Node b = register(l, 2, operator, 0, 200, 20, 600);
    Node c = register(l, 3, operator, 0, 300, 10, 300);
    for (Node n : List.of(a, b, c)) {
      stake(l, alice, n, 1000);
    }
    return new Node[] {a, b, c};
  }

  private StakingTestLedger.Outcome sync(Node n) {
    return l.run(n.operator(), new Operation.EpochSyncDone(n.cap(), l.staking.epoch()));
  }

  @Test
  void epochZeroEndsAtFirstEpochStartWithBothStepsInOneBlock() {
    Node[] nodes = threeNodes();
    assertThat(l.staking.epochStatus()).isEqualTo(new EpochStatus(
        0, new EpochState.ChangeDone(GENESIS), Optional.of(GENESIS + EPOCH_ZERO), Optional.of(GENESIS + EPOCH_ZERO),
        Optional.empty()));
    assertThat(l.tickTo(GENESIS + EPOCH_ZERO - 1)).isEmpty();
    List<LedgerEvent> events = l.tick(1);
    assertThat(events).startsWith(new LedgerEvent.EpochParametersSelected(1));
    assertThat(all(events, LedgerEvent.EpochChangeStart.class)).containsExactly(new LedgerEvent.EpochChangeStart(1));
    assertThat(events.getLast()).isEqualTo(new LedgerEvent.PricesUpdated(1, 200, 30));
    assertThat(l.staking.epoch()).isEqualTo(1);
    assertThat(l.staking.epochStatus().state()).isEqualTo(new EpochState.ChangeSync(0));
    assertThat(l.staking.previousCommittee()).isEqualTo(Committee.empty(0));

    Committee c = l.staking.committee();
    assertThat(c.epoch()).isEqualTo(1);
    assertThat(c.nShards()).isEqualTo(10);
    assertThat(c.members()).extracting(Committee.Member::nodeId)
        .isSortedAccordingTo(Comparable::compareTo)
        .containsExactlyInAnyOrder(nodes[0].id(), nodes[1].id(), nodes[2].id());
    assertThat(c.weightOf(nodes[0].id())).isEqualTo(4);
    assertThat(c.weightOf(nodes[1].id())).isEqualTo(3);
    assertThat(c.members().stream().flatMap(m -> m.shards().stream()).sorted().toList())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    for (Node n : nodes) {
      assertThat(c.members().get(c.indexOf(n.id())).publicKey()).isEqualTo(n.key().publicKey());
    }
    // Capacity votes extrapolated: 2000·10/4 = 5000, 600·10/3 = 2000, 300·10/3 = 1000 → 2000.
    assertThat(l.system.lastCapacityVote()).isEqualTo(2000);
    assertThat(l.system.storagePrice()).isEqualTo(200);
    assertThat(l.system.writePrice()).isEqualTo(30);
  }

  @Test
  void withoutStakeEpochZeroWaitsAndStartsWithTheFirstStake() {
    Node n = register(l, 1, operator, 0);
    assertThat(l.tickTo(GENESIS + 5 * EPOCH)).isEmpty();
    assertThat(l.staking.epoch()).isZero();
    stake(l, alice, n, 1);
    l.tick(1);
    assertThat(l.staking.epoch()).isEqualTo(1);
    assertThat(l.staking.committee().members()).extracting(Committee.Member::shards)
        .containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  }

  @Test
  void syncQuorumCompletesTheChangeAndStartsTheClock() {
    Node[] nodes = threeNodes();
    l.tickTo(GENESIS + EPOCH_ZERO);
    l.tick(500);
    var first = sync(nodes[0]);
    assertThat(first.events()).containsExactly(new LedgerEvent.ShardsReceived(1,
        l.staking.committee().members().get(l.staking.committee().indexOf(nodes[0].id())).shards()));
    assertThat(l.staking.epochStatus().state()).isEqualTo(new EpochState.ChangeSync(4));
    assertThat(l.staking.epochStatus().votingEndMs()).isEmpty();
    assertThat(l.run(operator, new Operation.VotingEnd()).abort().code()).isZero();

    l.tick(500);
    long done = l.now();
    var second = sync(nodes[1]);
    assertThat(second.events()).startsWith(new LedgerEvent.EpochChangeDone(1));
    assertThat(l.staking.epochStatus().state()).isEqualTo(new EpochState.ChangeDone(done));
    var third = sync(nodes[2]);
    assertThat(third.events()).hasSize(1).first().isInstanceOf(LedgerEvent.ShardsReceived.class);
    assertThat(l.staking.epochStatus().state()).isEqualTo(new EpochState.ChangeDone(done));

    assertThat(l.staking.epochStatus().votingEndMs()).contains(done + EPOCH / 2);
    assertThat(l.staking.epochStatus().epochChangeMs()).contains(done + EPOCH);
    l.tickTo(done + EPOCH / 2 - 1);
    assertThat(l.staking.nextCommittee()).isEmpty();
    assertThat(l.run(operator, new Operation.VotingEnd()).abort().code()).isZero();
    assertThat(l.run(operator, new Operation.InitiateEpochChange()).abort().code()).isEqualTo(6);
    assertThat(only(l.tick(1), LedgerEvent.EpochParametersSelected.class).nextEpoch()).isEqualTo(2);
    assertThat(l.staking.nextCommittee()).isPresent();
    assertThat(l.staking.epochStatus().state()).isEqualTo(new EpochState.ParamsSelected(done));
    assertThat(l.run(operator, new Operation.InitiateEpochChange()).abort().code()).isZero();
    assertThat(l.run(operator, new Operation.VotingEnd()).abort().code()).isZero();
    l.tickTo(done + EPOCH - 1);
    assertThat(l.staking.epoch()).isEqualTo(1);
    l.tick(1);
    assertThat(l.staking.epoch()).isEqualTo(2);
    assertThat(l.staking.previousCommittee().epoch()).isEqualTo(1);
  }

  @Test
  void syncDoneRejectsWrongEpochDuplicatesAndOutsiders() {
    Node[] nodes = threeNodes();
    Node outsider = register(l, 4, operator, 0);
    l.tickTo(GENESIS + EPOCH_ZERO);
    var wrongEpoch = l.run(operator, new Operation.EpochSyncDone(nodes[0].cap(), 2));
    assertThat(wrongEpoch.abort().module()).isEqualTo("staking_inner");
    assertThat(wrongEpoch.abort().code()).isEqualTo(1);
    sync(nodes[0]);
    assertThat(sync(nodes[0]).abort().code()).isEqualTo(2);
    assertThat(sync(outsider).abort().code()).isEqualTo(4);
    assertThat(l.run(alice, new Operation.EpochSyncDone(nodes[1].cap(), 1)).abort().module()).isEqualTo("object");
  }

  @Test
  void pricesFollowTheCurrentCommitteesVotes() {
    Node[] nodes = threeNodes();
    var epochZero = l.ok(alice, new Operation.UpdatePrices());
    assertThat(epochZero.events()).containsExactly(new LedgerEvent.PricesUpdated(0, Long.MAX_VALUE, Long.MAX_VALUE));
    l.tickTo(GENESIS + EPOCH_ZERO);
    l.ok(operator, new Operation.SetStoragePriceVote(nodes[0].cap(), 1000));
    l.ok(operator, new Operation.SetWritePriceVote(nodes[2].cap(), 50));
    assertThat(l.system.storagePrice()).isEqualTo(200);
    var out = l.ok(alice, new Operation.UpdatePrices());
    // Node A holds 4 of 10 shards, more than a third: its vote alone moves the storage price.
    assertThat(out.events()).containsExactly(new LedgerEvent.PricesUpdated(1, 1000, 30));
    assertThat(l.system.storagePrice()).isEqualTo(1000);
  }

  @Test
  void rotatedKeyIsUsedFromTheNextCommitteeOn() {
    Node[] nodes = threeNodes();
    l.tickTo(GENESIS + EPOCH_ZERO);
    for (Node n : nodes) {
      sync(n);
    }
    var newKey = StakingFixtures.bls(77);
    var pop = dev.walrus.core.messages.ProofOfPossession.create(newKey, 1, operator);
    var wrongPop = dev.walrus.core.messages.ProofOfPossession.create(newKey, 0, operator);
    assertThat(l.run(operator, new Operation.SetNextPublicKey(nodes[1].cap(), newKey.publicKey(), wrongPop))
        .abort().code()).isEqualTo(4);
    l.ok(operator, new Operation.SetNextPublicKey(nodes[1].cap(), newKey.publicKey(), pop));
    assertThat(l.staking.pool(nodes[1].id()).orElseThrow().pool().info().nextPublicKey()).contains(newKey.publicKey());
    Epochs.toVotingEnd(l);
    Committee next = l.staking.nextCommittee().orElseThrow();
    assertThat(next.members().get(next.indexOf(nodes[1].id())).publicKey()).isEqualTo(newKey.publicKey());
    assertThat(l.staking.committee().members().get(l.staking.committee().indexOf(nodes[1].id())).publicKey())
        .isEqualTo(nodes[1].key().publicKey());
    Epochs.toEpochChange(l);
    NodeInfo info = l.staking.pool(nodes[1].id()).orElseThrow().pool().info();
    assertThat(info.publicKey()).isEqualTo(newKey.publicKey());
    assertThat(info.nextPublicKey()).isEmpty();
  }

  @Test
  void poolsOutsideBothCommitteesStayLazy() {
    Node[] nodes = threeNodes();
    Node idle = register(l, 4, operator, 0);
    l.tickTo(GENESIS + EPOCH_ZERO);
    Epochs.nextEpoch(l, nodes);
    Epochs.nextEpoch(l, nodes);
    assertThat(l.staking.epoch()).isEqualTo(3);
    assertThat(l.staking.pool(idle.id()).orElseThrow().pool().accounting().latestEpoch()).isZero();
    assertThat(l.staking.pool(nodes[0].id()).orElseThrow().pool().accounting().latestEpoch()).isEqualTo(3);
    assertThat(l.staking.pool(nodes[0].id()).orElseThrow().exchangeRates()).containsOnlyKeys(0, 1, 2, 3);
    // Staking with the idle node now brings it into the next committee; it catches up then.
    stake(l, alice, idle, 3000);
    Epochs.nextEpoch(l, nodes);
    assertThat(l.staking.committee().indexOf(idle.id())).isNotNegative();
    assertThat(l.staking.pool(idle.id()).orElseThrow().pool().accounting().latestEpoch()).isEqualTo(4);
    assertThat(l.staking.pool(idle.id()).orElseThrow().exchangeRates()).containsOnlyKeys(0, 4);
    assertThat(l.staking.activeSet().nodes()).hasSize(4);
    assertThat(l.staking.activeSet().totalStake()).isEqualTo(6000 * WAL);
  }
}
