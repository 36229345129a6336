package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.staking.StakingState;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code challenge_submit_report} (spec/challenges.md §7.2): anyone may relay a member's signed
 * report between the window's close and the deadline. Checks run in the order below, each with
 * its abort code; the first valid report of a member stands and cannot be replaced, so what a
 * node said is fixed once the window is over (a replayed report aborts 7).
 */
final class Reports {
  private final ChallengeTables t;
  private final Epochs epochs;

  Reports(ChallengeTables t, Epochs epochs) {
    this.t = t;
    this.epochs = epochs;
  }

  void submit(TxContext ctx, Operation.ChallengeSubmitReport op) {
    ChallengeReport report;
    try {
      report = ChallengeReport.fromBcs(op.report());
    } catch (BcsException | IllegalArgumentException e) {
      throw new Abort(ChallengeErrors.MODULE, ChallengeErrors.MALFORMED, "not a challenge report: " + e.getMessage());
    }
    StakingState s = t.staking.state();
    int e = s.epoch();
    Abort.check(op.epoch() == e && report.epoch() == e, ChallengeErrors.MODULE, ChallengeErrors.WRONG_EPOCH,
        "report for epoch " + report.epoch() + " submitted as " + op.epoch() + " in epoch " + e);
    ChallengeEpoch rec = epochs.current(e);
    Abort.check(rec.status() == ChallengeStatus.SEEDED, ChallengeErrors.MODULE, ChallengeErrors.NOT_SEEDED,
        "epoch " + e + " is " + rec.status() + ", not seeded");
    ChallengeTiming timing = epochs.timing(s).orElseThrow(() -> new Abort(ChallengeErrors.MODULE,
        ChallengeErrors.REPORT_WINDOW, "epoch " + e + " has no report window"));
    Abort.check(ctx.now() >= timing.tClose() && ctx.now() <= timing.reportDeadline(), ChallengeErrors.MODULE,
        ChallengeErrors.REPORT_WINDOW, "reports are accepted from " + timing.tClose() + " to " + timing.reportDeadline()
            + " ms, it is " + ctx.now());
    Committee c = s.committee();
    int index = c.indexOf(report.reporter());
    Abort.check(index >= 0, ChallengeErrors.MODULE, ChallengeErrors.NOT_MEMBER,
        "reporter " + report.reporter() + " is not in the committee of epoch " + e);
    Abort.check(c.members().get(index).publicKey().verify(op.report(), op.signature()), ChallengeErrors.MODULE,
        ChallengeErrors.BAD_SIGNATURE, "the report's signature does not verify under the reporter's key");
    Abort.check(Arrays.equals(report.seed(), rec.seed().orElseThrow())
        && Arrays.equals(report.setDigest(), rec.setDigest().orElseThrow()), ChallengeErrors.MODULE,
        ChallengeErrors.SEED_MISMATCH, "the report is about another seed or challenged set");
    EpochKey key = new EpochKey(e, report.reporter());
    Abort.check(!t.reports.contains(key), ChallengeErrors.MODULE, ChallengeErrors.DUPLICATE_REPORT,
        "reporter " + report.reporter() + " reported epoch " + e + " already");
    checkEntries(report, c, rec.tau());
    t.reports.put(key, new ChallengeTables.StoredReport(report.entries()));
    ctx.emit(new LedgerEvent.ChallengeReportAccepted(e, report.reporter()));
  }

  /**
   * Entries sorted by target and unique, each target another member, failed shards among the
   * target's, {@code n_ok + n_void + n_excused ≤ n_items ≤ τ·w_target}, and UNREACHABLE only with
   * ISSUED (the flag means "I asked and got no complete answer").
   */
  static void checkEntries(ChallengeReport report, Committee c, int tau) {
    ObjectId previous = null;
    for (ReportEntry entry : report.entries()) {
      ObjectId target = entry.target();
      malformed(previous == null || previous.compareTo(target) < 0, "entries are not sorted by target without repeats");
      previous = target;
      malformed(!target.equals(report.reporter()), "an entry about the reporter itself");
      int ti = c.indexOf(target);
      malformed(ti >= 0, "entry about " + target + ", not a member");
      Set<Integer> shards = new HashSet<>(c.members().get(ti).shards());
      for (int sh : entry.failedShards()) {
        malformed(shards.contains(sh), "shard " + sh + " is not " + target + "'s");
      }
      long counted = (long) entry.nOk() + entry.nVoid() + entry.nExcused();
      long max = (long) tau * shards.size();
      malformed(counted <= entry.nItems() && entry.nItems() <= max,
          "item counts " + counted + " / " + entry.nItems() + " exceed " + max);
      malformed(!entry.has(ReportEntry.UNREACHABLE) || entry.has(ReportEntry.ISSUED), "UNREACHABLE without ISSUED");
    }
  }

  private static void malformed(boolean ok, String why) {
    Abort.check(ok, ChallengeErrors.MODULE, ChallengeErrors.MALFORMED, why);
  }
}
