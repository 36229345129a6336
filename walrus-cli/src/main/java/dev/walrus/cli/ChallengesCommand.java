package dev.walrus.cli;

import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeParamsView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.client.LedgerClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code walrus challenges}: an epoch's storage challenge (spec/challenges.md) — its window, seed,
 * challenged blobs, acks and reports, and once judged each node's per-shard verdict with what it
 * cost ({@code --json}: the ledger's {@code /v1/challenges/epochs/{epoch}} view).
 */
@Command(name = "challenges", description = "Show an epoch's storage challenge: window, seed, challenged blobs, verdicts.")
final class ChallengesCommand extends LedgerVerb {
  @Option(names = "--epoch", paramLabel = "N", description = "The epoch (default: the current one; the last two are kept).")
  Integer epoch;

  @Option(names = "--reports", description = "Also list every report's entries.")
  boolean reports;

  @Option(names = "--params", description = "Show the penalty sizes, this epoch's proposals and votes, and the"
      + " challenge constants instead (--json: the ledger's /v1/challenges/params view).")
  boolean params;

  @Override
  public Integer call() throws Exception {
    if (epoch != null && epoch < 0) {
      throw new CliException("--epoch must not be negative");
    }
    if (params) {
      try (LedgerClient client = ledger.client()) {
        ChallengeParamsView p = client.challengeParams();
        if (json()) {
          Json.print(out(), p);
        } else {
          printParams(out(), p, nodeNames(client.committee()));
        }
      }
      return 0;
    }
    ChallengeEpochView v;
    Map<Object, String> names;
    try (LedgerClient client = ledger.client()) {
      v = client.challengeEpoch(epoch == null ? OptionalInt.empty() : OptionalInt.of(epoch), reports);
      names = nodeNames(client.committee());
    }
    if (json()) {
      Json.print(out(), v);
      return 0;
    }
    print(out(), v, names);
    return 0;
  }

  private void print(PrintWriter o, ChallengeEpochView v, Map<Object, String> names) {
    Function<Object, String> name = id -> names.getOrDefault(id, id.toString());
    HexFormat hex = HexFormat.of();
    o.println(terminal().teal("Storage challenge of epoch " + v.epoch()) + ": " + v.status()
        + (v.note() != null ? " (" + v.note() + ")" : ""));
    if (v.tOpenMs() != null) {
      o.println("Window: opens " + Instant.ofEpochMilli(v.tOpenMs()) + ", closes " + Instant.ofEpochMilli(v.tCloseMs())
          + "; reports until " + Instant.ofEpochMilli(v.reportDeadlineMs()) + " (ledger time now "
          + Instant.ofEpochMilli(v.nowMs()) + ")");
    }
    o.println("Intensity: up to " + v.k() + " blobs, " + v.tau() + " items per shard per challenger; acked by "
        + v.acked().size() + " nodes (" + v.ackedWeight() + " shards)");
    if (v.seed() != null) {
      o.println("Seed: " + hex.formatHex(v.seed()));
      o.println("Challenged set (" + v.blobIds().size() + " blobs, digest " + hex.formatHex(v.setDigest()) + "):");
      v.blobIds().forEach(b -> o.println("  " + b));
    }
    o.println("Reports from: " + (v.reporters().isEmpty() ? "nobody yet"
        : v.reporters().stream().map(name).collect(Collectors.joining(", "))));
    if (v.reports() != null) {
      for (ChallengeEpochView.Report r : v.reports()) {
        o.println("  " + name.apply(r.reporter()) + ":");
        r.entries().forEach(e -> o.println("    " + name.apply(e.target()) + " flags " + flags(e.flags()) + ", items "
            + e.nItems() + ", ok " + e.nOk() + ", void " + e.nVoid() + ", failed shards " + e.failedShards()));
      }
    }
    if (v.results().isEmpty()) {
      o.println("Verdicts: at the end of the epoch.");
      return;
    }
    o.println(terminal().teal("Verdicts"));
    for (ChallengeEpochView.NodeResult r : v.results()) {
      boolean clean = r.failedShards().isEmpty() && !r.issueFail();
      o.println((clean ? terminal().teal("pass") : "FAIL") + " " + name.apply(r.nodeId()) + ": "
          + (r.shards().size() - r.failedShards().size()) + "/" + r.shards().size() + " shards passed"
          + (r.failedShards().isEmpty() ? "" : ", failed " + r.failedShards())
          + (r.syncingShards().isEmpty() ? "" : ", syncing " + r.syncingShards())
          + (r.dataFail() ? ", DATA FAILURE" : "") + (r.issueFail() ? ", DID NOT CHALLENGE" : ""));
      if (r.rewardWithheld() > 0 || r.penalty() > 0 || r.debt() > 0) {
        o.println("    reward withheld " + Amounts.wal(r.rewardWithheld()) + ", penalty " + Amounts.wal(r.penalty())
            + " (from reward " + Amounts.wal(r.fromReward()) + ", commission " + Amounts.wal(r.fromCommission())
            + ", stake " + Amounts.wal(r.fromStake()) + "; still owed " + Amounts.wal(r.debt()) + ")");
      }
    }
  }

  private void printParams(PrintWriter o, ChallengeParamsView p, Map<Object, String> names) {
    HexFormat hex = HexFormat.of();
    o.println(terminal().teal("Penalties") + " in bp of the per-shard reward (last epoch's: "
        + Amounts.wal(p.perShardReward()) + "):");
    o.println("  in force:   " + (p.current() == null ? "none" : penalties(p.current())));
    o.println("  next epoch: " + (p.next() == null || p.next().equals(p.current()) ? "the same" : penalties(p.next())));
    o.println("Intensity factor phi: " + p.phi());
    if (p.proposals().isEmpty()) {
      o.println("Proposals: none this epoch ('walrus node penalty-propose' makes one).");
    } else {
      o.println("Proposals:");
      for (ChallengeParamsView.Proposal x : p.proposals()) {
        o.println("  " + hex.formatHex(x.digest()) + " by " + names.getOrDefault(x.proposer(), x.proposer().toString())
            + " (epoch " + x.epoch() + "): " + penalties(x.params()));
      }
    }
    if (!p.votes().isEmpty()) {
      o.println("Votes:");
      for (ChallengeParamsView.Vote x : p.votes()) {
        o.println("  " + names.getOrDefault(x.voter(), x.voter().toString()) + ": "
            + (x.proposal() == null || x.proposal().length == 0 ? "status quo" : hex.formatHex(x.proposal())));
      }
    }
    ChallengeConfig c = p.config();
    o.println("Constants: window opens at " + c.openBp() + " bp of the epoch and lasts " + c.windowBp() + " bp (at most "
        + c.windowMaxMs() / 1000 + " s); " + c.kMin() + " blobs challenged at intensity 1, at most " + c.kMax());
  }

  static String penalties(PenaltyParams x) {
    return "send " + x.sendBp() + ", receive " + x.recvBp() + ", fail " + x.failBp() + ", not issuing " + x.issueBp()
        + (x.floorFrost() > 0 ? ", at least " + Amounts.wal(x.floorFrost()) + " per shard" : "");
  }

  static String flags(int flags) {
    List<String> out = new java.util.ArrayList<>();
    if ((flags & 1) != 0) {
      out.add("ISSUED");
    }
    if ((flags & 2) != 0) {
      out.add("RECEIVED");
    }
    if ((flags & 4) != 0) {
      out.add("UNREACHABLE");
    }
    return out.isEmpty() ? "-" : String.join("|", out);
  }

  /** Node IDs to names from the current committee. */
  static Map<Object, String> nodeNames(CommitteeView c) {
    Map<Object, String> out = new java.util.HashMap<>();
    for (CommitteeView.Member m : c.members()) {
      if (m.name() != null) {
        out.put(m.nodeId(), m.name() + " (" + m.nodeId().toString().substring(0, 10) + "…)");
      }
    }
    return out;
  }
}
