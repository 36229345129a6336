package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.system.RewardDistribution;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * §12 test 6: {@code pot = Σ reward + withheld + leftover} over random committees, pots, usage
 * and failures; no failure reproduces ledger.md §5.8 exactly; withheld never goes to others.
 */
class RewardTiltTest {

  @Test
  void everyFrostOfThePotIsAccountedFor() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(12);
      int[] shards = new int[n];
      for (int i = 0; i < n; i++) {
        shards[i] = 1 + r.nextInt(50);
      }
      Committee c = TestCommittee.of(3, r.nextInt(), shards).committee;
      long pot = r.nextInt(4) == 0 ? r.nextLong(0, Long.MAX_VALUE / 4) : r.nextLong(0, 1_000_000_000L);
      long used = r.nextInt(5) == 0 ? 0 : r.nextLong(1, 1L << 50);
      Map<ObjectId, Integer> failed = new HashMap<>();
      for (Committee.Member m : c.members()) {
        if (r.nextBoolean()) {
          failed.put(m.nodeId(), r.nextInt(m.weight() + 1));
        }
      }
      RewardDistribution plain = RewardDistribution.compute(pot, used, c, Map.of());
      RewardDistribution tilted = RewardDistribution.compute(pot, used, c, Map.of(), failed);
      long sum = tilted.leftover();
      for (Committee.Member m : c.members()) {
        long reward = tilted.rewards().get(m.nodeId());
        long withheld = tilted.withheld().get(m.nodeId());
        sum += reward + withheld;
        // Nobody gains from another's failure: each reward is at most the untilted one.
        assertThat(reward).isLessThanOrEqualTo(plain.rewards().get(m.nodeId()));
        assertThat(reward + withheld).isEqualTo(plain.rewards().get(m.nodeId()));
        if (failed.getOrDefault(m.nodeId(), 0) == 0) {
          assertThat(withheld).isZero();
        }
        if (failed.getOrDefault(m.nodeId(), 0) == m.weight()) {
          assertThat(reward).isZero();
        }
      }
      assertThat(sum).isEqualTo(pot);
      assertThat(tilted.leftover()).isEqualTo(plain.leftover());
      RewardDistribution none = RewardDistribution.compute(pot, used, c, Map.of(), Map.of());
      assertThat(none.rewards()).isEqualTo(plain.rewards());
      assertThat(none.withheld().values()).allMatch(w -> w == 0);
    });
  }

  @Test
  void failingOneOfFourShardsPaysThreeQuarters() {
    Committee c = TestCommittee.uniform(3, 9, 4, 4).committee;
    ObjectId node = c.members().get(1).nodeId();
    RewardDistribution d = RewardDistribution.compute(1_600_000, 100, c, Map.of(), Map.of(node, 1));
    assertThat(d.rewards().get(node)).isEqualTo(300_000);
    assertThat(d.withheld().get(node)).isEqualTo(100_000);
    assertThat(d.rewards().get(c.members().get(0).nodeId())).isEqualTo(400_000);
  }
}
