package dev.walrus.node.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.node.challenge.LossReportRule.Action;
import dev.walrus.node.challenge.LossReportRule.Decision;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LossReportRuleTest {
  static final long BLACKOUT = 100_000;
  static final long LEAD = 4_000;

  @Test
  void nothingMissingReportsNothing() {
    Decision d = LossReportRule.decide(Map.of(), Set.of(), BLACKOUT - LEAD, BLACKOUT, LEAD, 0);
    assertThat(d.action()).isEqualTo(Action.NOTHING_MISSING);
    assertThat(d.shards()).isEmpty();
    assertThat(LossReportRule.decide(Map.of(3, 0), Set.of(), BLACKOUT, BLACKOUT, LEAD, 0).action())
        .isEqualTo(Action.NOTHING_MISSING);
  }

  @Test
  void aBacklogRecoveryCannotRebuildInTimeIsReportedAtOnce() {
    // 1 000 slivers at 10/s need 100 s; 4 s are left.
    Decision d = LossReportRule.decide(Map.of(7, 600, 3, 400), Set.of(), BLACKOUT - LEAD, BLACKOUT, LEAD, 0.01);
    assertThat(d.action()).isEqualTo(Action.REPORT);
    assertThat(d.shards()).containsExactly(3, 7);
  }

  @Test
  void stalledRecoveryIsReportedEvenForOneSliver() {
    Decision d = LossReportRule.decide(Map.of(5, 1), Set.of(), BLACKOUT - LEAD, BLACKOUT, LEAD, 0);
    assertThat(d.action()).isEqualTo(Action.REPORT);
    assertThat(d.shards()).containsExactly(5);
  }

  @Test
  void aBacklogRebuiltInTimeAtHalfThePaceWaitsInTheFirstHalfOfTheLead() {
    // 10 slivers at 100/s: 0.1 s, with 4 s left.
    assertThat(LossReportRule.decide(Map.of(5, 10), Set.of(), BLACKOUT - LEAD, BLACKOUT, LEAD, 0.1).action())
        .isEqualTo(Action.WAIT);
    // 150 slivers at 100/s need 1.5 s: at half the pace 3 s, within the 4 s left.
    assertThat(LossReportRule.decide(Map.of(5, 150), Set.of(), BLACKOUT - LEAD, BLACKOUT, LEAD, 0.1).action())
        .isEqualTo(Action.WAIT);
    // 250 need 2.5 s, 5 s at half the pace: more than the 4 s left.
    assertThat(LossReportRule.decide(Map.of(5, 250), Set.of(), BLACKOUT - LEAD, BLACKOUT, LEAD, 0.1).action())
        .isEqualTo(Action.REPORT);
  }

  @Test
  void inTheLastHalfOfTheLeadWhateverIsMissingIsReported() {
    long late = BLACKOUT - LEAD / 2;
    assertThat(LossReportRule.decide(Map.of(5, 1), Set.of(), late, BLACKOUT, LEAD, 1000).action())
        .isEqualTo(Action.REPORT);
    assertThat(LossReportRule.decide(Map.of(5, 1), Set.of(), BLACKOUT + 500, BLACKOUT, LEAD, 1000).action())
        .isEqualTo(Action.REPORT);
  }

  @Test
  void uncountedLossesAreReportedWhateverThePace() {
    Decision d = LossReportRule.decide(Map.of(2, 1), Set.of(9), BLACKOUT - LEAD, BLACKOUT, LEAD, 1000);
    assertThat(d.action()).isEqualTo(Action.REPORT);
    assertThat(d.shards()).containsExactly(2, 9);
  }
}
