package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.StakingTestLedger.address;
import static dev.walrus.ledger.state.staking.StakingFixtures.WAL;
import static dev.walrus.ledger.state.staking.StakingFixtures.all;
import static dev.walrus.ledger.state.staking.StakingFixtures.only;
import static dev.walrus.ledger.state.staking.StakingFixtures.register;
import static dev.walrus.ledger.state.staking.StakingFixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.StakingTestLedger;
import dev.walrus.ledger.state.staking.StakingFixtures.Node;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exchange rates over epochs, stake timing and the withdrawal cases (ledger.md §5.2–5.6). */
class StakeAndWithdrawTest {
  private final Address operator = address(1);
  private final Address alice = address(2);
  private final Address bob = address(3);
  private final Address carol = address(4);
  private final Address faucet = address(999);
  private final StakingTestLedger l = new StakingTestLedger(10, 10_000, 100_000, operator, alice, bob, carol);

  @AfterEach
  void walIsConserved() {
    assertThat(l.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  private StakeAccounting accounting(Node n) {
    return l.staking.pool(n.id()).orElseThrow().pool().accounting();
  }

  /** Node with Alice's 1000 WAL (and optionally Carol's) selected for epoch 1, sync done. */
  private Node epochOne(boolean withCarol) {
    Node n = register(l, 1, operator, 0);
    stake(l, alice, n, 1000);
    if (withCarol) {
      stake(l, carol, n, 1000);
    }
    l.tickTo(l.genesis.genesisTimeMs() + 10_000);
    assertThat(l.staking.epoch()).isEqualTo(1);
    Epochs.syncDone(l, n);
    return n;
  }

  private void reward(Node n, long wal) {
    l.system.fund(faucet, wal * WAL);
    l.system.planReward(n.id(), wal * WAL);
  }

  @Test
  void workedExampleOfTheSpec() {
    Node n = register(l, 1, operator, 0);
    ObjectId a = stake(l, alice, n, 1000);
    assertThat(l.stakedWal(a).activationEpoch()).isEqualTo(1);
    assertThat(accounting(n).pendingStake().values()).containsEntry(1, 1000 * WAL);

    l.tickTo(l.genesis.genesisTimeMs() + 10_000);
    assertThat(accounting(n).walBalance()).isEqualTo(1000 * WAL);
    assertThat(accounting(n).numShares()).isEqualTo(1000 * WAL);
    assertThat(l.staking.pool(n.id()).orElseThrow().exchangeRates()).containsEntry(1, ExchangeRate.FLAT);
    Epochs.syncDone(l, n);

    ObjectId b = stake(l, bob, n, 550);
    assertThat(l.stakedWal(b).activationEpoch()).isEqualTo(2);
    reward(n, 100);
    Epochs.toVotingEnd(l);
    var events = l.tickTo(l.staking.epochStatus().epochChangeMs().orElseThrow());
    assertThat(only(events, LedgerEvent.PoolRewarded.class))
        .isEqualTo(new LedgerEvent.PoolRewarded(1, n.id(), 100 * WAL, 0));

    assertThat(l.staking.epoch()).isEqualTo(2);
    assertThat(l.staking.pool(n.id()).orElseThrow().exchangeRates())
        .containsEntry(2, new ExchangeRate(1100 * WAL, 1000 * WAL));
    assertThat(accounting(n).walBalance()).isEqualTo(1650 * WAL);
    assertThat(accounting(n).numShares()).isEqualTo(1500 * WAL);
    assertThat(accounting(n).rewardsPool()).isEqualTo(100 * WAL);
    assertThat(l.staking.quoteStake(a, 2).orElseThrow().rewards()).isEqualTo(100 * WAL);
    assertThat(l.staking.quoteStake(b, 2).orElseThrow().rewards()).isZero();
    assertThat(l.staking.calculateRewards(n.id(), 550 * WAL, 2, 2)).isEqualTo(Optional.of(0L));
  }

  @Test
  void stakeBeforeVotingEndActivatesNextEpochAfterItTheOneAfter() {
    Node n = epochOne(false);
    ObjectId early = stake(l, bob, n, 10);
    assertThat(l.stakedWal(early).activationEpoch()).isEqualTo(2);
    assertThat(l.staking.activeSet().nodes()).containsExactly(new ActiveSet.Entry(n.id(), 1010 * WAL));
    Epochs.toVotingEnd(l);
    ObjectId late = stake(l, bob, n, 20);
    assertThat(l.stakedWal(late).activationEpoch()).isEqualTo(3);
    // After voting_end the active set tracks the stake for the selection in epoch 2 (for epoch 3).
    assertThat(l.staking.activeSet().nodes()).containsExactly(new ActiveSet.Entry(n.id(), 1030 * WAL));
    assertThat(l.staking.pool(n.id()).orElseThrow().nextStake()).isEqualTo(1030 * WAL);
    assertThat(l.staking.pool(n.id()).orElseThrow().stake()).isEqualTo(1000 * WAL);
  }

  @Test
  void stakeNotYetCountedIsWithdrawnDirectly() {
    Node n = epochOne(false);
    long before = l.balance(bob);
    ObjectId s = stake(l, bob, n, 10);
    var out = l.ok(bob, new Operation.WithdrawStake(s));
    assertThat(only(out.events(), LedgerEvent.StakeWithdrawn.class))
        .isEqualTo(new LedgerEvent.StakeWithdrawn(1, n.id(), s, 10 * WAL, 0));
    assertThat(l.balance(bob)).isEqualTo(before);
    assertThat(l.stakedWal(s)).isNull();
    assertThat(accounting(n).pendingStake().valueAt(9)).isZero();

    Epochs.toVotingEnd(l);
    ObjectId s2 = stake(l, bob, n, 10);
    assertThat(l.stakedWal(s2).activationEpoch()).isEqualTo(3);
    assertThat(l.run(bob, new Operation.RequestWithdrawStake(s2)).abort().code()).isEqualTo(13);
    l.ok(bob, new Operation.WithdrawStake(s2));
    assertThat(l.balance(bob)).isEqualTo(before);
    assertThat(l.staking.activeSet().nodes()).containsExactly(new ActiveSet.Entry(n.id(), 1000 * WAL));
  }

  @Test
  void withdrawalRequestedBeforeVotingEndLeavesAtTheNextEpoch() {
    Node n = epochOne(true);
    ObjectId a = l.services.objects().ownedBy(alice).getFirst().id();
    var out = l.ok(alice, new Operation.RequestWithdrawStake(a));
    assertThat(only(out.events(), LedgerEvent.StakeWithdrawalRequested.class).withdrawEpoch()).isEqualTo(2);
    assertThat(l.staking.activeSet().nodes()).containsExactly(new ActiveSet.Entry(n.id(), 1000 * WAL));
    assertThat(l.run(alice, new Operation.WithdrawStake(a)).abort().code()).isEqualTo(11);
    reward(n, 100);
    Epochs.toVotingEnd(l);
    Epochs.toEpochChange(l);
    // rate[2] = 2100 / 2000: Alice's 1000 shares are worth 1050 WAL, and leave the pool.
    assertThat(accounting(n).walBalance()).isEqualTo(1050 * WAL);
    assertThat(accounting(n).numShares()).isEqualTo(1000 * WAL);
    long before = l.balance(alice);
    var w = l.ok(alice, new Operation.WithdrawStake(a));
    assertThat(only(w.events(), LedgerEvent.StakeWithdrawn.class).rewards()).isEqualTo(50 * WAL);
    assertThat(l.balance(alice) - before).isEqualTo(1050 * WAL);
    assertThat(accounting(n).rewardsPool()).isEqualTo(50 * WAL);
  }

  @Test
  void withdrawalRequestedAfterVotingEndStaysActiveOneMoreEpoch() {
    Node n = epochOne(true);
    Epochs.toVotingEnd(l);
    ObjectId a = l.services.objects().ownedBy(alice).getFirst().id();
    var out = l.ok(alice, new Operation.RequestWithdrawStake(a));
    assertThat(only(out.events(), LedgerEvent.StakeWithdrawalRequested.class).withdrawEpoch()).isEqualTo(3);
    Epochs.toEpochChange(l);
    assertThat(l.run(alice, new Operation.WithdrawStake(a)).abort().code()).isEqualTo(11);
    Epochs.nextEpoch(l, n);
    assertThat(l.staking.epoch()).isEqualTo(3);
    l.ok(alice, new Operation.WithdrawStake(a));
  }

  @Test
  void stakeSelectedForItsFirstEpochEarnsExactlyThatEpoch() {
    Node n = epochOne(true);
    ObjectId b = stake(l, bob, n, 500);
    Epochs.toVotingEnd(l);
    var out = l.ok(bob, new Operation.RequestWithdrawStake(b));
    assertThat(only(out.events(), LedgerEvent.StakeWithdrawalRequested.class).withdrawEpoch()).isEqualTo(3);
    assertThat(accounting(n).preActiveWithdrawals().values()).containsEntry(3, 500 * WAL);
    Epochs.toEpochChange(l);
    reward(n, 260);
    Epochs.nextEpoch(l, n);
    // rate[3] = 2760 / 2500: Bob's 500 shares (at 1:1 in epoch 2) are worth 552 WAL.
    assertThat(l.staking.pool(n.id()).orElseThrow().exchangeRates())
        .containsEntry(3, new ExchangeRate(2760 * WAL, 2500 * WAL));
    assertThat(accounting(n).walBalance()).isEqualTo(2208 * WAL);
    assertThat(accounting(n).numShares()).isEqualTo(2000 * WAL);
    long before = l.balance(bob);
    l.ok(bob, new Operation.WithdrawStake(b));
    assertThat(l.balance(bob) - before).isEqualTo(552 * WAL);
  }

  @Test
  void activeStakeCannotBeWithdrawnWithoutRequest() {
    epochOne(false);
    ObjectId a = l.services.objects().ownedBy(alice).getFirst().id();
    var out = l.run(alice, new Operation.WithdrawStake(a));
    assertThat(out.abort().module()).isEqualTo("staking_pool");
    assertThat(out.abort().code()).isEqualTo(10);
    l.ok(alice, new Operation.RequestWithdrawStake(a));
    assertThat(l.run(alice, new Operation.RequestWithdrawStake(a)).abort().code()).isEqualTo(8);
  }

  @Test
  void stakeOfANodeOutsideEveryCommitteeLeavesAtOnce() {
    Node big = register(l, 1, operator, 0);
    Node tiny = register(l, 2, operator, 0);
    stake(l, alice, big, 1000);
    ObjectId t = stake(l, bob, tiny, 1);
    l.tickTo(l.genesis.genesisTimeMs() + 10_000);
    assertThat(l.staking.committee().members()).extracting(m -> m.nodeId()).containsExactly(big.id());
    assertThat(l.run(bob, new Operation.RequestWithdrawStake(t)).abort().code()).isEqualTo(13);
    long before = l.balance(bob);
    var out = l.ok(bob, new Operation.WithdrawStake(t));
    assertThat(only(out.events(), LedgerEvent.StakeWithdrawn.class).rewards()).isZero();
    assertThat(l.balance(bob) - before).isEqualTo(WAL);
    assertThat(l.staking.pool(tiny.id()).orElseThrow().pool().accounting().pendingSharesWithdraw().values())
        .containsEntry(1, WAL);
    assertThat(l.staking.activeSet().nodes()).extracting(ActiveSet.Entry::nodeId).containsExactly(big.id());
  }

  @Test
  void splitAndJoinKeepTheStateAndTheTotal() {
    Node n = epochOne(false);
    ObjectId a = l.services.objects().ownedBy(alice).getFirst().id();
    var split = l.ok(alice, new Operation.SplitStakedWal(a, 300 * WAL));
    ObjectId part = split.created().getFirst();
    assertThat(l.stakedWal(a).principal()).isEqualTo(700 * WAL);
    assertThat(l.stakedWal(part).principal()).isEqualTo(300 * WAL);
    assertThat(l.stakedWal(part).activationEpoch()).isEqualTo(1);
    assertThat(l.run(alice, new Operation.SplitStakedWal(a, 700 * WAL)).abort().code()).isEqualTo(2);
    assertThat(l.run(alice, new Operation.SplitStakedWal(a, WAL - 1)).abort().code()).isEqualTo(7);
    assertThat(l.run(alice, new Operation.SplitStakedWal(a, 700 * WAL - WAL + 1)).abort().code()).isEqualTo(7);

    ObjectId other = stake(l, alice, n, 5);
    assertThat(l.run(alice, new Operation.JoinStakedWal(a, other)).abort().code()).isEqualTo(1);
    assertThat(l.run(alice, new Operation.JoinStakedWal(a, a)).abort().code()).isEqualTo(1);
    l.ok(alice, new Operation.RequestWithdrawStake(part));
    assertThat(l.run(alice, new Operation.JoinStakedWal(a, part)).abort().code()).isEqualTo(1);
    l.ok(alice, new Operation.RequestWithdrawStake(a));
    var joined = l.ok(alice, new Operation.JoinStakedWal(a, part));
    assertThat(joined.events()).isEmpty();
    assertThat(l.stakedWal(a).principal()).isEqualTo(1000 * WAL);
    assertThat(l.stakedWal(a).withdrawEpoch()).contains(2);
    assertThat(l.stakedWal(part)).isNull();
    assertThat(all(split.events(), LedgerEvent.class)).isEmpty();
  }
}
