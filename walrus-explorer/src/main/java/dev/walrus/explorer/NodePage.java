package dev.walrus.explorer;

import static dev.walrus.explorer.Html.text;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeNodeView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code /node/{id}}: one storage node — its staking pool as the ledger stores it, its shards this
 * epoch, its health, and its storage-challenge verdicts per epoch ({@code /v1/challenges/nodes}).
 */
final class NodePage {
  private NodePage() {}

  /**
   * {@code pool} is the ledger's pool record; {@code challenges} is empty on a network without
   * storage challenges.
   */
  record Node(ObjectId nodeId, JsonNode pool, long stake, long nextStake, List<Integer> shards, Boolean healthy,
      String health, Optional<ChallengeNodeView> challenges) {}

  static View view(LedgerReads ledger, NodeProbe probe, String idText) {
    ObjectId id = Ids.objectId(idText);
    JsonNode pool = ledger.read(c -> c.pool(id));
    CommitteeView committee = ledger.read(c -> c.committee());
    Optional<CommitteeView.Member> member = committee.members().stream().filter(m -> m.nodeId().equals(id)).findFirst();
    NodeProbe.Answer health = member.map(m -> probe.health(List.of(m)).getFirst()).orElse(null);
    Optional<ChallengeNodeView> challenges;
    try {
      challenges = Optional.of(ledger.client().challengeNode(id));
    } catch (LedgerClientException e) {
      if (!"CHALLENGES_DISABLED".equals(e.reason()) && e.httpCode() != 404) {
        throw LedgerReads.translate(e);
      }
      challenges = Optional.empty();
    }
    Node n = new Node(id, pool.path("pool"), pool.path("stake").asLong(), pool.path("nextStake").asLong(),
        member.map(CommitteeView.Member::shards).orElse(List.of()), health == null ? null : health.ok(),
        health == null ? "not in the committee" : health.detail(), challenges);
    String name = n.pool().path("info").path("name").asString("");
    return View.ok("Node " + name, render(n, name), n);
  }

  static String render(Node n, String name) {
    JsonNode info = n.pool().path("info");
    JsonNode votes = n.pool().path("votes");
    StringBuilder b = new StringBuilder(Html.heading("Node " + name));
    b.append(Html.facts(List.of(
        new String[] {"Node ID", Html.code(n.nodeId())},
        new String[] {"Name", "<span id=\"node-name\">" + text(name) + "</span>"},
        new String[] {"Network address", Html.code(info.path("networkAddress").asString(""))},
        new String[] {"Health", n.healthy() == null ? text(n.health())
            : "<span class=\"" + (n.healthy() ? "ok\">up" : "bad\">down") + "</span> <small>" + text(n.health()) + "</small>"},
        new String[] {"Stake", Units.wal(n.stake()) + " <small>(next epoch " + Units.wal(n.nextStake()) + ")</small>"},
        new String[] {"Commission", Units.basisPoints(n.pool().path("commission").path("rate").asInt())},
        new String[] {"Active since epoch", String.valueOf(n.pool().path("activationEpoch").asInt())},
        new String[] {"Capacity vote", Units.bytes(votes.path("nodeCapacity").asLong())},
        new String[] {"Price votes", Units.wal(votes.path("storagePrice").asLong()) + " storage, "
            + Units.wal(votes.path("writePrice").asLong()) + " write, per MiB"})));
    b.append(Html.section("Shards this epoch", n.shards().isEmpty() ? Html.paragraph("None: not in the committee.")
        : Html.paragraph(n.shards().size() + " shards: " + Html.code(compact(n.shards())))));
    b.append(Html.section("Storage challenges", challenges(n.challenges())));
    return b.toString();
  }

  private static String challenges(Optional<ChallengeNodeView> view) {
    if (view.isEmpty()) {
      return Html.paragraph("This network runs no storage challenges.");
    }
    ChallengeNodeView c = view.get();
    String standing = Html.facts(List.of(
        new String[] {"Consecutive failures", String.valueOf(c.consecutiveFails())},
        new String[] {"Jailed", c.jailedUntil() == null ? "no" : "until epoch " + c.jailedUntil()},
        new String[] {"Unpaid penalties", Units.wal(c.debt())},
        new String[] {"Recovery-helper credit", Units.wal(c.helperCredit())}));
    if (c.results().isEmpty()) {
      return standing + Html.paragraph("No verdicts yet: an epoch's verdict is set when it ends.");
    }
    List<List<String>> rows = new ArrayList<>();
    for (ChallengeNodeView.EpochResult r : c.results()) {
      ChallengeEpochView.NodeResult v = r.result();
      boolean failed = v.dataFail() || v.issueFail();
      rows.add(List.of(String.valueOf(r.epoch()),
          "<span class=\"" + (failed ? "bad\">failed" : "ok\">passed") + "</span>"
              + (v.dataFail() ? " <small>data</small>" : "") + (v.issueFail() ? " <small>did not challenge</small>" : ""),
          v.failedShards().size() + " of " + v.shards().size(),
          Units.wal(v.rewardWithheld()), Units.wal(v.penalty())));
    }
    return standing + Html.table("verdicts", List.of("Epoch", "Verdict", "Failed shards", "Reward withheld", "Penalty"),
        rows);
  }

  /** Shard numbers as ranges: {@code 0-24, 50, 52-60}. */
  static String compact(List<Integer> shards) {
    List<Integer> sorted = shards.stream().sorted().toList();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(sorted.get(i));
      if (j > i) {
        b.append('-').append(sorted.get(j));
      }
      i = j + 1;
    }
    return b.toString();
  }
}
