package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.staking.ExchangeRate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Penalty sizes and the withdrawal rule after a slash (§8.2, §8.3 (a)–(b)). */
class PenaltyArithmeticTest {

  @Test
  void penaltiesScaleWithShardsAndTheReferenceRewardWithAFloor() {
    PenaltyParams p = PenaltyParams.DEFAULTS;
    EpochVerdicts.NodeVerdict both = new EpochVerdicts.NodeVerdict(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3), List.of(),
        true, true);
    // (20 000 + 5 000) bp of r̄ = 1 000, times 4 shards.
    assertThat(Penalties.penalty(both, p, 1_000)).isEqualTo(4 * (2_000 + 500));
    EpochVerdicts.NodeVerdict clean = new EpochVerdicts.NodeVerdict(List.of(0, 1), List.of(), List.of(), false, false);
    assertThat(Penalties.penalty(clean, p, 1_000)).isZero();
    PenaltyParams floored = new PenaltyParams(10_000, 1_000, 20_000, 5_000, 7);
    EpochVerdicts.NodeVerdict issue = new EpochVerdicts.NodeVerdict(List.of(0, 1), List.of(), List.of(), false, true);
    assertThat(Penalties.penalty(issue, floored, 0)).isEqualTo(14);
  }

  @Test
  void aWithdrawalAfterASlashKeepsTheFloorAndBurnsAtMostTheSlash() {
    qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      long principal = r.nextLong(1, 1L << 50);
      long value = r.nextLong(0, principal * 2);
      long slashed = r.nextInt(4) == 0 ? 0 : r.nextLong(0, principal * 2);
      long burn = Penalties.withdrawalBurn(principal, value, 500, slashed);
      assertThat(burn).isBetween(0L, Math.min(principal, slashed));
      if (value >= principal || slashed == 0) {
        assertThat(burn).isZero();
      } else {
        assertThat(principal - burn).isGreaterThanOrEqualTo(principal * 500 / 10_000);
        assertThat(principal - burn).isGreaterThanOrEqualTo(Math.min(principal, value));
      }
    });
    // Worth 1 % of the principal: the staker still gets 5 %.
    assertThat(Penalties.withdrawalBurn(10_000, 100, 500, 1_000_000)).isEqualTo(9_500);
  }

  @Test
  void anExchangeRateWithMoreSharesThanWalIsAccepted() {
    ExchangeRate slashed = ExchangeRate.of(900, 1_000);
    assertThat(slashed.toWal(1_000)).isEqualTo(900);
    assertThat(slashed.toShares(900)).isEqualTo(1_000);
  }
}
