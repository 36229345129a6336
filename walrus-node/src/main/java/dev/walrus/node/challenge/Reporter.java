package dev.walrus.node.challenge;

import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds this node's end-of-window report (spec/challenges.md §6.5 step 6): one entry per other
 * member, sorted by node ID, from what the challenger saw and which challengers reached the
 * prover, signed with the node's protocol key. A node that did not follow the whole window (it
 * restarted after the seed) marks every challenger as received: see {@link EpochRun#sawWholeWindow}.
 */
final class Reporter {
  private Reporter() {}

  static Operation.ChallengeSubmitReport report(BlsKeyPair key, Window w, CommitteeView.Member self, EpochRun run,
      boolean invert) {
    List<ReportEntry> entries = new ArrayList<>();
    List<CommitteeView.Member> others = w.committee().members().stream()
        .filter(m -> !m.nodeId().equals(self.nodeId())).sorted(Comparator.comparing(CommitteeView.Member::nodeId)).toList();
    for (CommitteeView.Member m : others) {
      TargetTally tally = run.tallies.getOrDefault(m.nodeId(), new TargetTally(m.nodeId(), w.tau() * m.shards().size()));
      boolean received = !run.sawWholeWindow || run.received.contains(m.nodeId());
      entries.add(tally.entry(received, m.shards(), invert));
    }
    ChallengeReport report = new ChallengeReport(w.epoch(), self.nodeId(), w.seed().orElseThrow(),
        w.setDigest().orElseThrow(), entries);
    SignedChallenge signed = SignedChallenge.sign(key, report);
    return new Operation.ChallengeSubmitReport(w.epoch(), signed.message(), signed.signature());
  }
}
