package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.EpochVerdicts.NodeVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The verdicts of an epoch from its reports (spec/challenges.md §7.4), deterministic and integer
 * only. A shard fails only on F1 evidence: challengers that issued a valid request and saw it
 * fail (or got no complete answer) must weigh at least f+1 shards, so they include a correct
 * node. Hence any coalition below f+1 shards of liars cannot fail an honest shard, and honest
 * reporters that were offline only weaken evidence (a missing report counts for nothing) — they
 * never turn into evidence against anyone. The same rule protects challengers: a member fails to
 * issue only if it sent no report, or if targets weighing f+1 shards report it never challenged
 * them.
 *
 * <p>Choice left open by the spec, made for safety: the deny weight counts targets whose report
 * lacks an entry for the challenger or lacks RECEIVED in it; a target's report claiming so is as
 * strong as a failure report, so the same F1 bar applies.
 */
public final class VerdictCalculator {
  private VerdictCalculator() {}

  /**
   * @param committee the epoch's committee
   * @param previousShards each member's shards in the epoch before (absent: none)
   * @param reports each reporter's accepted entries
   * @param syncedBeforeSeed members that reported their shards in sync before the seed
   * @param lostBeforeSeed shards members declared lost (and paid to recover) before the seed
   */
  public static EpochVerdicts compute(
      Committee committee, Map<ObjectId, Set<Integer>> previousShards, Map<ObjectId, List<ReportEntry>> reports,
      Set<ObjectId> syncedBeforeSeed, Map<ObjectId, Set<Integer>> lostBeforeSeed) {
    Map<ObjectId, Map<ObjectId, ReportEntry>> byReporter = new HashMap<>();
    reports.forEach((reporter, entries) -> {
      Map<ObjectId, ReportEntry> m = new HashMap<>();
      entries.forEach(e -> m.put(e.target(), e));
      byReporter.put(reporter, m);
    });
    TreeMap<ObjectId, NodeVerdict> out = new TreeMap<>();
    for (Committee.Member target : committee.members()) {
      ObjectId t = target.nodeId();
      List<Integer> failed = new ArrayList<>();
      List<Integer> syncing = new ArrayList<>();
      Set<Integer> before = previousShards.getOrDefault(t, Set.of());
      Set<Integer> lost = lostBeforeSeed.getOrDefault(t, Set.of());
      int nonSync = 0;
      int failedNonSync = 0;
      for (int sh : target.shards()) {
        long failWeight = 0;
        for (Committee.Member v : committee.members()) {
          if (v.nodeId().equals(t)) {
            continue;
          }
          ReportEntry entry = byReporter.getOrDefault(v.nodeId(), Map.of()).get(t);
          if (entry != null && entry.has(ReportEntry.ISSUED)
              && (entry.has(ReportEntry.UNREACHABLE) || entry.failedShards().contains(sh))) {
            failWeight += v.weight();
          }
        }
        boolean f = committee.includesOneCorrectNode(failWeight);
        boolean s = (!before.contains(sh) && !syncedBeforeSeed.contains(t)) || lost.contains(sh);
        if (f) {
          failed.add(sh);
        }
        if (s) {
          syncing.add(sh);
        } else {
          nonSync++;
          if (f) {
            failedNonSync++;
          }
        }
      }
      boolean dataFail = nonSync > 0 && 2L * failedNonSync >= nonSync;
      out.put(t, new NodeVerdict(target.shards(), failed, syncing, dataFail, issueFail(committee, t, byReporter)));
    }
    return new EpochVerdicts(committee.epoch(), out);
  }

  private static boolean issueFail(Committee committee, ObjectId v, Map<ObjectId, Map<ObjectId, ReportEntry>> reports) {
    if (!reports.containsKey(v)) {
      return true;
    }
    long denyWeight = 0;
    for (Committee.Member t : committee.members()) {
      Map<ObjectId, ReportEntry> report = reports.get(t.nodeId());
      if (t.nodeId().equals(v) || report == null) {
        continue;
      }
      ReportEntry entry = report.get(v);
      if (entry == null || !entry.has(ReportEntry.RECEIVED)) {
        denyWeight += t.weight();
      }
    }
    return committee.includesOneCorrectNode(denyWeight);
  }
}
