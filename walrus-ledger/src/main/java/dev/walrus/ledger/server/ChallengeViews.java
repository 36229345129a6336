package dev.walrus.ledger.server;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeNodeView;
import dev.walrus.ledger.api.ChallengeParamsView;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.challenge.ChallengeEpoch;
import dev.walrus.ledger.state.challenge.ChallengeRules;
import dev.walrus.ledger.state.challenge.ChallengeTiming;
import dev.walrus.ledger.state.challenge.NodeRecord;
import dev.walrus.ledger.state.challenge.NodeResult;
import dev.walrus.ledger.state.challenge.PenaltyProposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON views of the storage-challenge module (spec/challenges.md), under the state's read lock. */
final class ChallengeViews {
  private ChallengeViews() {}

  static ChallengeRules rules(LedgerState s) {
    return s.challenges().orElseThrow(() -> ApiException.notFound("CHALLENGES_DISABLED",
        "this network runs no storage challenges (its genesis has no challenge configuration)"));
  }

  /** Epoch {@code epoch}, or the current one when empty. */
  static ChallengeEpochView epoch(LedgerState s, Optional<Integer> epoch, boolean withReports) {
    ChallengeRules rules = rules(s);
    int current = s.staking().epoch();
    int e = epoch.orElse(current);
    ChallengeEpoch rec = rules.epoch(e).orElseThrow(() -> ApiException.notFound("CHALLENGE_EPOCH_NOT_FOUND",
        "no challenge record for epoch " + e + " (epochs before " + (current - 2) + " are pruned; events keep them)"));
    Optional<ChallengeTiming> timing = e == current ? rules.timing() : Optional.empty();
    List<ChallengeEpochView.NodeResult> results = new ArrayList<>();
    rules.results(e).forEach((id, r) -> results.add(result(id, r)));
    List<ChallengeEpochView.Report> reports = new ArrayList<>();
    if (withReports) {
      rules.reports(e).forEach((id, entries) -> reports.add(new ChallengeEpochView.Report(id, entries)));
    }
    return new ChallengeEpochView(e, rec.status().name(), rec.note().isEmpty() ? null : rec.note(), s.chain().timeMs(),
        timing.map(ChallengeTiming::tOpen).orElse(null), timing.map(ChallengeTiming::ackDeadline).orElse(null),
        timing.map(ChallengeTiming::tClose).orElse(null), timing.map(ChallengeTiming::reportDeadline).orElse(null),
        rec.k(), rec.tau(), rec.ackedWeight(), rec.seed().orElse(null), rec.setDigest().orElse(null), rec.set(),
        rules.acked(e), List.copyOf(rules.reports(e).keySet()), results, withReports ? reports : null);
  }

  static ChallengeNodeView node(LedgerState s, ObjectId node) {
    ChallengeRules rules = rules(s);
    int current = s.staking().epoch();
    NodeRecord r = rules.node(node);
    List<ChallengeNodeView.EpochResult> results = new ArrayList<>();
    for (int e = Math.max(0, current - 2); e <= current; e++) {
      NodeResult result = rules.results(e).get(node);
      if (result != null) {
        results.add(new ChallengeNodeView.EpochResult(e, result(node, result)));
      }
    }
    boolean jailed = rules.isJailed(node, current);
    return new ChallengeNodeView(node, current, r.consecutiveFails(), jailed ? r.jailedUntil() : null, r.debt(),
        r.slashedUnburned(), r.helperCredit(), results);
  }

  static ChallengeParamsView params(LedgerState s) {
    ChallengeRules rules = rules(s);
    var g = rules.governance();
    List<ChallengeParamsView.Proposal> proposals = new ArrayList<>();
    rules.proposals().forEach((id, p) ->
        proposals.add(new ChallengeParamsView.Proposal(id, p.epoch(), PenaltyProposal.digest(p.params()), p.params())));
    List<ChallengeParamsView.Vote> votes = new ArrayList<>();
    rules.votes().forEach((id, v) -> votes.add(new ChallengeParamsView.Vote(id, v.epoch(), v.proposal().orElse(null))));
    return new ChallengeParamsView(rules.config(), g.params(), g.next().orElse(null), g.phi(), g.perShardReward(),
        proposals, votes);
  }

  private static ChallengeEpochView.NodeResult result(ObjectId id, NodeResult r) {
    return new ChallengeEpochView.NodeResult(id, r.shards(), r.failedShards(), r.syncingShards(), r.dataFail(),
        r.issueFail(), r.withheld(), r.penalty(), r.fromReward(), r.fromCommission(), r.fromStake(), r.debt());
  }
}
