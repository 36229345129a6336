package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.TestCommittee;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * §12 test 5: the verdict rule on every coalition of a 4 × 4 committee and of 7 nodes weighing 1
 * to 7 shards. Liars below f+1 shards can neither fail an honest shard nor save a dropper.
 */
class VerdictTruthTableTest {
  static final Committee UNIFORM = TestCommittee.uniform(2, 1, 4, 4).committee;
  static final Committee WEIGHTED = TestCommittee.of(2, 2, 1, 2, 3, 4, 5, 6, 7).committee;

  @Test
  void liarsBelowF1NeverFailAnHonestShard() {
    for (Committee c : List.of(UNIFORM, WEIGHTED)) {
      for (int liars = 0; liars < 1 << c.members().size(); liars++) {
        if (c.includesOneCorrectNode(weight(c, liars))) {
          continue;
        }
        int mask = liars;
        Map<ObjectId, List<ReportEntry>> reports = new HashMap<>();
        for (int v = 0; v < c.members().size(); v++) {
          boolean lying = (mask >> v & 1) == 1;
          reports.put(id(c, v), entries(c, v, t -> lying, t -> true));
        }
        EpochVerdicts verdicts = compute(c, reports);
        for (int t = 0; t < c.members().size(); t++) {
          if ((mask >> t & 1) == 0) {
            EpochVerdicts.NodeVerdict v = verdicts.nodes().get(id(c, t));
            assertThat(v.failedShards()).as("honest node %d with liars %s", t, Integer.toBinaryString(mask)).isEmpty();
            assertThat(v.dataFail()).isFalse();
            assertThat(v.issueFail()).isFalse();
          }
        }
      }
    }
  }

  @Test
  void aDropperFailsWhateverColludersBelowF1Say() {
    for (Committee c : List.of(UNIFORM, WEIGHTED)) {
      for (int dropper = 0; dropper < c.members().size(); dropper++) {
        for (int colluders = 0; colluders < 1 << c.members().size(); colluders++) {
          int bad = colluders | 1 << dropper;
          if (c.includesOneCorrectNode(weight(c, bad))) {
            continue;
          }
          int d = dropper;
          int mask = colluders;
          Map<ObjectId, List<ReportEntry>> reports = new HashMap<>();
          for (int v = 0; v < c.members().size(); v++) {
            boolean colluding = (mask >> v & 1) == 1;
            // Honest challengers flag the dropper; colluders report it fine.
            reports.put(id(c, v), entries(c, v, t -> t == d && !colluding, t -> true));
          }
          EpochVerdicts.NodeVerdict v = compute(c, reports).nodes().get(id(c, d));
          assertThat(v.failed()).as("dropper %d, colluders %s", d, Integer.toBinaryString(mask)).isEqualTo(v.shards().size());
          assertThat(v.dataFail()).isTrue();
        }
      }
    }
  }

  @Test
  void missingReportsNeverFailButCountAsNotIssuing() {
    for (Committee c : List.of(UNIFORM, WEIGHTED)) {
      for (int present = 0; present < 1 << c.members().size(); present++) {
        Map<ObjectId, List<ReportEntry>> reports = new HashMap<>();
        for (int v = 0; v < c.members().size(); v++) {
          if ((present >> v & 1) == 1) {
            reports.put(id(c, v), entries(c, v, t -> false, t -> true));
          }
        }
        EpochVerdicts verdicts = compute(c, reports);
        for (int t = 0; t < c.members().size(); t++) {
          EpochVerdicts.NodeVerdict v = verdicts.nodes().get(id(c, t));
          assertThat(v.failedShards()).isEmpty();
          assertThat(v.issueFail()).isEqualTo((present >> t & 1) == 0);
        }
      }
    }
  }

  @Test
  void unreachableFromF1WeightFailsEveryShard() {
    Committee c = WEIGHTED;
    int target = 3;
    // Nodes weighing 7 + 3 = 10 ≥ F1 (3·10 ≥ 29) found node 3 unreachable; the others are silent about it.
    Map<ObjectId, List<ReportEntry>> reports = new HashMap<>();
    for (int v = 0; v < c.members().size(); v++) {
      List<ReportEntry> list = new ArrayList<>();
      for (ReportEntry e : entries(c, v, t -> false, t -> true)) {
        boolean unreachable = e.target().equals(id(c, target)) && (v == 6 || v == 2);
        list.add(unreachable ? new ReportEntry(e.target(), ReportEntry.ISSUED | ReportEntry.UNREACHABLE | ReportEntry.RECEIVED,
            e.nItems(), 0, 0, 0, List.of()) : e);
      }
      reports.put(id(c, v), list);
    }
    EpochVerdicts.NodeVerdict v = compute(c, reports).nodes().get(id(c, target));
    assertThat(v.failed()).isEqualTo(4);
    // Weight 7 + 2 = 9 < F1: nothing.
    for (ReportEntry e : new ArrayList<>(reports.get(id(c, 2)))) {
      if (e.target().equals(id(c, target))) {
        List<ReportEntry> l = new ArrayList<>(reports.get(id(c, 2)));
        l.set(l.indexOf(e), new ReportEntry(e.target(), ReportEntry.ISSUED | ReportEntry.RECEIVED, e.nItems(),
            e.nItems(), 0, 0, List.of()));
        reports.put(id(c, 2), l);
        List<ReportEntry> l1 = new ArrayList<>(reports.get(id(c, 1)));
        for (int i = 0; i < l1.size(); i++) {
          if (l1.get(i).target().equals(id(c, target))) {
            l1.set(i, new ReportEntry(l1.get(i).target(), ReportEntry.ISSUED | ReportEntry.UNREACHABLE,
                l1.get(i).nItems(), 0, 0, 0, List.of()));
          }
        }
        reports.put(id(c, 1), l1);
      }
    }
    assertThat(compute(c, reports).nodes().get(id(c, target)).failed()).isZero();
  }

  @Test
  void issueFailNeedsF1OfTargetsSayingTheyWereNotChallenged() {
    Committee c = WEIGHTED;
    int lazy = 0;
    for (int deniers = 0; deniers < 1 << c.members().size(); deniers++) {
      if ((deniers & 1) == 1) {
        continue;
      }
      int mask = deniers;
      Map<ObjectId, List<ReportEntry>> reports = new HashMap<>();
      for (int v = 0; v < c.members().size(); v++) {
        boolean denies = (mask >> v & 1) == 1;
        reports.put(id(c, v), entries(c, v, t -> false, t -> !(denies && t == lazy)));
      }
      boolean expected = c.includesOneCorrectNode(weight(c, mask));
      assertThat(compute(c, reports).nodes().get(id(c, lazy)).issueFail())
          .as("deniers %s", Integer.toBinaryString(mask)).isEqualTo(expected);
    }
  }

  @Test
  void newShardsStillSyncingNeverMakeADataFailure() {
    Committee c = UNIFORM;
    int t = 1;
    Map<ObjectId, List<ReportEntry>> reports = new HashMap<>();
    for (int v = 0; v < 4; v++) {
      reports.put(id(c, v), entries(c, v, x -> x == t, x -> true));
    }
    Map<ObjectId, Set<Integer>> before = new HashMap<>();
    for (int v = 0; v < 4; v++) {
      before.put(id(c, v), new HashSet<>(v == t ? List.of() : c.members().get(v).shards()));
    }
    Set<ObjectId> synced = new HashSet<>();
    for (int v = 0; v < 4; v++) {
      if (v != t) {
        synced.add(id(c, v));
      }
    }
    EpochVerdicts.NodeVerdict v = VerdictCalculator.compute(c, before, reports, synced, Map.of()).nodes().get(id(c, t));
    assertThat(v.failed()).isEqualTo(4);
    assertThat(v.syncingShards()).hasSize(4);
    assertThat(v.dataFail()).isFalse();
    // Declared lost before the seed: also syncing.
    EpochVerdicts.NodeVerdict lost = VerdictCalculator.compute(c, Map.of(id(c, t), Set.copyOf(c.members().get(t).shards())),
        reports, Set.of(id(c, t)), Map.of(id(c, t), Set.of(c.members().get(t).shards().get(0)))).nodes().get(id(c, t));
    assertThat(lost.syncingShards()).hasSize(1);
    assertThat(lost.dataFail()).isTrue();
  }

  /**
   * Reporter {@code v}'s entries: it issued to every other member; {@code failing} targets get all
   * their shards flagged; {@code challengedMe} says whether the target's request reached {@code v}.
   */
  static List<ReportEntry> entries(Committee c, int v, IntPredicate failing, IntPredicate challengedMe) {
    List<ReportEntry> out = new ArrayList<>();
    for (int t = 0; t < c.members().size(); t++) {
      if (t == v) {
        continue;
      }
      Committee.Member m = c.members().get(t);
      int flags = ReportEntry.ISSUED | (challengedMe.test(t) ? ReportEntry.RECEIVED : 0);
      out.add(new ReportEntry(m.nodeId(), flags, 4 * m.weight(), failing.test(t) ? 0 : 4 * m.weight(), 0, 0,
          failing.test(t) ? m.shards() : List.of()));
    }
    return out;
  }

  static EpochVerdicts compute(Committee c, Map<ObjectId, List<ReportEntry>> reports) {
    Map<ObjectId, Set<Integer>> before = new HashMap<>();
    Set<ObjectId> synced = new HashSet<>();
    for (Committee.Member m : c.members()) {
      before.put(m.nodeId(), new HashSet<>(m.shards()));
      synced.add(m.nodeId());
    }
    return VerdictCalculator.compute(c, before, reports, synced, Map.of());
  }

  static ObjectId id(Committee c, int i) {
    return c.members().get(i).nodeId();
  }

  static long weight(Committee c, int mask) {
    long w = 0;
    for (int i = 0; i < c.members().size(); i++) {
      if ((mask >> i & 1) == 1) {
        w += c.members().get(i).weight();
      }
    }
    return w;
  }
}
