package dev.walrus.node.challenge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a node that misses slivers of its own shards reports them with {@code
 * shard_request_recovery} now (spec/challenges.md §8.5, §7.4).
 *
 * <p>The spec: shards a node names before the seed count as {@code syncing} for the epoch — no
 * {@code data_fail} from them, no reward for them — and the node pays {@code p_send·r̄} per shard
 * to the helpers. A shard that misses slivers of challenged blobs and is not reported fails, earns
 * nothing either, and counts toward {@code data_fail} (a penalty of {@code p_fail·r̄} per shard of
 * the node, and jail if it goes on). So an honest node reports every shard it cannot make whole
 * before the challenge, and only those (each costs {@code p_send·r̄}).
 *
 * <p>"Before the challenge" is the pre-blackout, not the seed: from {@code t_open − guard} every
 * node refuses symbols of all eligible blobs until the seed, and the challenged ones until {@code
 * t_close} (§6.2), so recovery cannot heal eligible blobs after that moment. The report itself
 * must be on the ledger before the seed, which needs a quorum of acks, and acks are accepted only
 * from {@code t_open}: a report committed before {@code t_open} always counts.
 *
 * <p>The rule, applied at every poll from {@code t_open − guard − lead} until the node acks:
 * <ul>
 *   <li>nothing missing: nothing to report (yet — a loss found later is still reported);
 *   <li>a shard lost more slivers than recovery tracks one by one: report (the backlog is unknown);
 *   <li>in the first half of the lead, when the whole backlog would be rebuilt before the
 *       pre-blackout at half the pace recovery kept lately: wait, it will likely be whole;
 *   <li>otherwise report every shard that still misses slivers.
 * </ul>
 * It keeps honest nodes safe: a shard is left unreported only while there is time to look again,
 * and in the last half of the lead (at least one poll and the transaction's time before {@code
 * t_open}) whatever is still missing is reported. The margin of two on the pace absorbs its
 * noise; a false "wait" costs at worst one more poll, never a missed report.
 */
final class LossReportRule {
  private LossReportRule() {}

  enum Action { NOTHING_MISSING, WAIT, REPORT }

  record Decision(Action action, List<Integer> shards, String why) {}

  /**
   * @param missing per own judged shard, the slivers of eligible blobs recovery knows are missing
   * @param uncounted own judged shards that lost more slivers than recovery tracks one by one
   * @param blackoutStart {@code t_open − guard}, when peers stop serving eligible blobs
   * @param leadMs how long before {@code blackoutStart} the node starts deciding
   * @param repairPerMs slivers recovery rebuilt per millisecond lately
   */
  static Decision decide(Map<Integer, Integer> missing, Set<Integer> uncounted, long now, long blackoutStart,
      long leadMs, double repairPerMs) {
    TreeSet<Integer> shards = new TreeSet<>(uncounted);
    missing.forEach((shard, count) -> {
      if (count > 0) {
        shards.add(shard);
      }
    });
    if (shards.isEmpty()) {
      return new Decision(Action.NOTHING_MISSING, List.of(), "nothing missing");
    }
    long backlog = missing.values().stream().mapToLong(Integer::longValue).sum();
    long left = blackoutStart - now;
    if (!uncounted.isEmpty()) {
      return new Decision(Action.REPORT, List.copyOf(shards), "shards " + uncounted
          + " lost more slivers than recovery tracks one by one");
    }
    if (left > leadMs / 2 && backlog <= repairPerMs * left / 2) {
      return new Decision(Action.WAIT, List.copyOf(shards), backlog + " missing slivers, recovery rebuilds "
          + String.format("%.1f", repairPerMs * 1000) + "/s: likely whole in " + left + " ms");
    }
    return new Decision(Action.REPORT, List.copyOf(shards), backlog + " slivers missing " + missing
        + " that recovery will not rebuild before peers black out the eligible blobs in " + Math.max(0, left)
        + " ms (it rebuilt " + String.format("%.1f", repairPerMs * 1000) + "/s lately)");
  }
}
