package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.api.PenaltySource;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.staking.ExchangeRate;
import dev.walrus.ledger.state.staking.StakingPool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * §12 test 7: a penalty larger than reward and commission is collected from the stake up to the
 * per-epoch cap, the rest carried as debt with interest; with COMMISSION_ONLY the stake is never
 * touched; a staker withdrawing after a slash gets the slashed value and the shortfall is burned.
 */
class WaterfallTest {
  static final long WAL = ChallengeNetwork.WAL;

  static ChallengeConfig config(PenaltySource source) {
    ChallengeConfig t = ChallengeConfig.testNet();
    return new ChallengeConfig(t.openBp(), t.windowBp(), t.windowMaxMs(), t.ackTimeoutBp(), t.ackTimeoutCapMs(),
        t.reportDeadlineBp(), t.kMin(), t.kMax(), t.tauMin(), t.maxStakeSlashBp(), t.redemptionFloorBp(),
        t.debtInterestBp(), 5, t.jailEpochs(), source, new PenaltyParams(10_000, 1_000, 20_000, 5_000, 50 * WAL));
  }

  /** Epoch 2 judged with node 2 failing everything (its penalty: 4 shards × 50 WAL). */
  static ChallengeNetwork failNodeTwo(PenaltySource source) {
    ChallengeNetwork n = new ChallengeNetwork(16, config(source), 1000, 1000, 1000, 1000);
    for (int i = 0; i < 4; i++) {
      n.storeBlob(5000, 6, false);
    }
    n.nextEpoch();
    dropNodeTwo(n);
    return n;
  }

  static List<LedgerEvent> dropNodeTwo(ChallengeNetwork n) {
    n.ackAll(n.all());
    n.reportAll(Map.of(2, ChallengeCycleTest.shards(n, 2)), n.all());
    return n.nextEpoch();
  }

  @Test
  void stakePaysUpToTheCapAndTheRestIsDebtWithInterest() {
    ChallengeNetwork n = new ChallengeNetwork(16, config(PenaltySource.STAKE), 1000, 1000, 1000, 1000);
    for (int i = 0; i < 4; i++) {
      n.storeBlob(5000, 6, false);
    }
    n.nextEpoch();
    ObjectId node = n.nodes.get(2);
    long walBefore = pool(n, node).accounting().walBalance();
    List<LedgerEvent> change = dropNodeTwo(n);
    LedgerEvent.ChallengeResult r = ChallengeCycleTest.result(change, node);
    assertThat(r.penalty()).isEqualTo(4 * 50 * WAL);
    LedgerEvent.PenaltyApplied applied = ChallengeNetwork.of(change, LedgerEvent.PenaltyApplied.class).get(0);
    assertThat(applied.fromReward()).isZero();
    assertThat(applied.fromStake()).isEqualTo((walBefore) / 10);
    assertThat(applied.toDebt()).isEqualTo(r.penalty() - applied.fromCommission() - applied.fromStake()).isPositive();
    StakingPool after = pool(n, node);
    assertThat(after.accounting().walBalance()).isEqualTo(walBefore - applied.fromStake());
    ExchangeRate rate = n.state().staking().pools().stream().filter(p -> p.pool().nodeId().equals(node)).findFirst()
        .orElseThrow().exchangeRates().get(3);
    assertThat(rate.shareAmount()).isGreaterThan(rate.walAmount());
    assertThat(n.rules().node(node).debt()).isEqualTo(applied.toDebt());
    assertThat(n.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);

    // Next change: the debt grew by 1 % and is collected the same way (no new failure).
    long debt = applied.toDebt();
    n.ackAll(n.all());
    n.reportAll(n.noFailures(), n.all());
    List<LedgerEvent> next = n.nextEpoch();
    LedgerEvent.PenaltyApplied again = ChallengeNetwork.of(next, LedgerEvent.PenaltyApplied.class).get(0);
    assertThat(again.fromReward() + again.fromCommission() + again.fromStake() + again.toDebt())
        .isEqualTo(debt + debt / 100);
    assertThat(again.fromReward()).isPositive();
    assertThat(n.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void commissionOnlyNeverTouchesTheStake() {
    ChallengeNetwork n = new ChallengeNetwork(16, config(PenaltySource.COMMISSION_ONLY), 1000, 1000, 1000, 1000);
    for (int i = 0; i < 4; i++) {
      n.storeBlob(5000, 6, false);
    }
    n.nextEpoch();
    ObjectId node = n.nodes.get(2);
    long walBefore = pool(n, node).accounting().walBalance();
    List<LedgerEvent> change = dropNodeTwo(n);
    LedgerEvent.PenaltyApplied applied = ChallengeNetwork.of(change, LedgerEvent.PenaltyApplied.class).get(0);
    assertThat(applied.fromStake()).isZero();
    assertThat(pool(n, node).accounting().walBalance()).isEqualTo(walBefore);
    assertThat(applied.toDebt()).isPositive();
    assertThat(n.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void aStakerLeavingAfterASlashBearsItAndTheShortfallIsBurned() {
    ChallengeNetwork n = failNodeTwo(PenaltySource.STAKE);
    ObjectId stake = n.stakes.get(2);
    n.ok(n.whale, new Operation.RequestWithdrawStake(stake));
    n.ackAll(n.all());
    n.reportAll(n.noFailures(), n.all());
    n.nextEpoch();
    if (n.state().staking().state().inNextCommittee(n.nodes.get(2))) {
      n.ackAll(n.all());
      n.reportAll(n.noFailures(), n.all());
      n.nextEpoch();
    }
    long burnt = n.state().services().treasury().burnt();
    long slashed = n.rules().node(n.nodes.get(2)).slashedUnburned();
    assertThat(slashed).isPositive();
    TransactionEffects e = n.ok(n.whale, new Operation.WithdrawStake(stake));
    LedgerEvent.StakeWithdrawn w = ChallengeNetwork.of(e.events().stream().map(x -> x.event()).toList(),
        LedgerEvent.StakeWithdrawn.class).get(0);
    assertThat(w.principal()).isLessThan(1000 * WAL).isGreaterThanOrEqualTo(50 * WAL);
    assertThat(w.rewards()).isZero();
    assertThat(n.state().services().treasury().burnt() - burnt).isEqualTo(1000 * WAL - w.principal());
    assertThat(n.rules().node(n.nodes.get(2)).slashedUnburned()).isEqualTo(slashed - (1000 * WAL - w.principal()));
    assertThat(n.state().totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  static StakingPool pool(ChallengeNetwork n, ObjectId node) {
    return n.state().staking().pool(node).orElseThrow().pool();
  }
}
