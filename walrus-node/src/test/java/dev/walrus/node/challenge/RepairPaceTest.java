package dev.walrus.node.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RepairPaceTest {
  @Test
  void paceOverTheLastMinute() {
    RepairPace pace = new RepairPace();
    assertThat(pace.perMs()).isZero();
    pace.sample(0, 0);
    assertThat(pace.perMs()).isZero();
    pace.sample(1_000, 50);
    assertThat(pace.perMs()).isCloseTo(0.05, within(1e-9));
    // A minute later only the recent samples count: 60 more in the last 60 s.
    for (long t = 2_000; t <= 70_000; t += 1_000) {
      pace.sample(t, t < 10_000 ? 50 : 50 + (t - 10_000) / 1_000);
    }
    assertThat(pace.perMs()).isCloseTo(0.001, within(1e-4));
  }

  @Test
  void samplesAreBounded() {
    RepairPace pace = new RepairPace();
    for (int i = 0; i < 10 * RepairPace.MAX_SAMPLES; i++) {
      pace.sample(i, i);
    }
    assertThat(pace.perMs()).isCloseTo(1.0, within(1e-9));
  }
}
