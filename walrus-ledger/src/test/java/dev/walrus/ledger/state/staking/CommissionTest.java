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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commission (ledger.md §5.7): taken at the old rate, rate changes after two epochs, blocked until voting_end. */
class CommissionTest {
  private final Address operator = address(1);
  private final Address alice = address(2);
  private final Address faucet = address(999);
  private final StakingTestLedger l = new StakingTestLedger(10, 10_000, 100_000, operator, alice);
  private Node n;

  @BeforeEach
  void epochOne() {
    n = register(l, 1, operator, 1000);
    stake(l, alice, n, 1000);
    l.tickTo(l.genesis.genesisTimeMs() + 10_000);
    Epochs.syncDone(l, n);
  }

  @AfterEach
  void walIsConserved() {
    assertThat(l.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  private void reward(long wal) {
    l.system.fund(faucet, wal * WAL);
    l.system.planReward(n.id(), wal * WAL);
  }

  private Commission commission() {
    return l.staking.pool(n.id()).orElseThrow().pool().commission();
  }

  private long collect() {
    long before = l.balance(operator);
    var out = l.ok(operator, new Operation.CollectCommission(n.id()));
    long collected = l.balance(operator) - before;
    assertThat(only(out.events(), LedgerEvent.CommissionCollected.class))
        .isEqualTo(new LedgerEvent.CommissionCollected(l.staking.epoch(), n.id(), operator, collected));
    return collected;
  }

  @Test
  void commissionIsBlockedUntilTheNextVotingEnd() {
    reward(100);
    Epochs.toVotingEnd(l);
    Epochs.toEpochChange(l);
    assertThat(commission().balance()).isEqualTo(10 * WAL);
    assertThat(commission().blocked()).isEqualTo(10 * WAL);
    assertThat(l.staking.pool(n.id()).orElseThrow().pool().accounting().rewardsPool()).isEqualTo(90 * WAL);
    assertThat(collect()).isZero();
    Epochs.syncDone(l, n);
    Epochs.toVotingEnd(l);
    assertThat(commission().blocked()).isZero();
    assertThat(collect()).isEqualTo(10 * WAL);
    assertThat(commission().balance()).isZero();
  }

  @Test
  void newRateAppliesToTheRewardsOfTheEpochTwoAhead() {
    l.ok(operator, new Operation.SetNextCommission(n.cap(), 5000));
    assertThat(commission().pendingRates().values()).containsEntry(3, 5000L);
    reward(100);
    Epochs.nextEpoch(l, n);
    assertThat(commission().balance()).isEqualTo(10 * WAL);
    reward(100);
    Epochs.nextEpoch(l, n);
    // Epoch 2's rewards still pay the old 10 %; the new rate holds from epoch 3 on.
    assertThat(l.staking.epoch()).isEqualTo(3);
    assertThat(commission().balance()).isEqualTo(20 * WAL);
    assertThat(commission().rate()).isEqualTo(5000);
    assertThat(commission().pendingRates().values()).isEmpty();
    reward(100);
    Epochs.nextEpoch(l, n);
    assertThat(commission().balance()).isEqualTo(70 * WAL);
  }

  @Test
  void onlyTheReceiverCollectsAndMayHandOver() {
    reward(100);
    Epochs.nextEpoch(l, n);
    Epochs.syncDone(l, n);
    Epochs.toVotingEnd(l);
    var denied = l.run(alice, new Operation.CollectCommission(n.id()));
    assertThat(denied.abort().module()).isEqualTo("staking_pool");
    assertThat(denied.abort().code()).isEqualTo(15);
    assertThat(l.run(alice, new Operation.SetCommissionReceiver(n.id(), alice)).abort().code()).isEqualTo(15);
    l.ok(operator, new Operation.SetCommissionReceiver(n.id(), alice));
    assertThat(l.run(operator, new Operation.CollectCommission(n.id())).abort().code()).isEqualTo(15);
    long before = l.balance(alice);
    l.ok(alice, new Operation.CollectCommission(n.id()));
    assertThat(l.balance(alice) - before).isEqualTo(10 * WAL);
  }

  @Test
  void rateAboveOneHundredPercentIsRefused() {
    var out = l.run(operator, new Operation.SetNextCommission(n.cap(), 10_001));
    assertThat(out.abort().module()).isEqualTo("staking_pool");
    assertThat(out.abort().code()).isEqualTo(14);
    l.ok(operator, new Operation.SetNextCommission(n.cap(), 10_000));
  }
}
