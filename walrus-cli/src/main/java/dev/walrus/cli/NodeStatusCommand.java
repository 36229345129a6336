package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeNodeView;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code walrus node status}: an operator's view of its node — committee membership, stake and
 * commission, and its storage-challenge standing: the verdicts of the last epochs with the reward
 * withheld, the penalty and how it was collected, unpaid debt and jail.
 */
@Command(name = "status", description = "Show the wallet's node: stake, commission, challenge results, penalties, jail.")
final class NodeStatusCommand extends LedgerVerb {
  @Option(names = "--node-id", paramLabel = "ID", description = "The node (default: the one of the wallet's StorageNodeCap).")
  String nodeId;

  @Override
  public Integer call() throws Exception {
    try (LedgerClient client = ledger.client()) {
      ObjectId node = nodeId != null ? WalletCommand.parse(nodeId, ObjectId::parse) : ownNode(client, ledger.key());
      JsonNode pool = client.pool(node);
      ChallengeNodeView standing = null;
      try {
        standing = client.challengeNode(node);
      } catch (LedgerClientException e) {
        if (!"CHALLENGES_DISABLED".equals(e.reason())) {
          throw e;
        }
      }
      boolean member = client.committee().members().stream().anyMatch(m -> m.nodeId().equals(node));
      if (json()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodeId", node);
        out.put("inCommittee", member);
        out.put("pool", pool);
        out.put("challenges", standing);
        Json.print(out(), out);
        return 0;
      }
      print(out(), node, member, pool, standing);
    }
    return 0;
  }

  private void print(PrintWriter o, ObjectId node, boolean member, JsonNode pool, ChallengeNodeView s) {
    o.println(terminal().teal("Storage node " + node) + (member ? " (in the current committee)" : " (not in the committee)"));
    if (pool != null && pool.has("pool")) {
      JsonNode p = pool.get("pool");
      o.println("Name: " + p.path("info").path("name").asString() + ", stake " + Amounts.wal(pool.path("stake").asLong())
          + ", commission balance " + Amounts.wal(p.path("commission").path("balance").asLong()));
    }
    if (s == null) {
      o.println("This network runs no storage challenges.");
      return;
    }
    o.println("Challenges: " + (s.jailedUntil() != null ? "JAILED until epoch " + s.jailedUntil() + "; " : "")
        + "unpaid penalties " + Amounts.wal(s.debt()) + ", stake slashed not yet burned " + Amounts.wal(s.slashedUnburned())
        + ", recovery-helper reward due " + Amounts.wal(s.helperCredit())
        + (s.consecutiveFails() > 0 ? ", " + s.consecutiveFails() + " epoch(s) of supermajority failure in a row" : ""));
    if (s.results().isEmpty()) {
      o.println("No verdicts in the last epochs.");
    }
    for (ChallengeNodeView.EpochResult e : s.results()) {
      ChallengeEpochView.NodeResult r = e.result();
      o.println("  epoch " + e.epoch() + ": " + (r.shards().size() - r.failedShards().size()) + "/" + r.shards().size()
          + " shards passed" + (r.failedShards().isEmpty() ? "" : ", failed " + r.failedShards())
          + (r.syncingShards().isEmpty() ? "" : ", syncing or reported lost " + r.syncingShards())
          + (r.dataFail() ? ", data failure" : "") + (r.issueFail() ? ", did not challenge" : "")
          + "; reward withheld " + Amounts.wal(r.rewardWithheld()) + ", penalty " + Amounts.wal(r.penalty())
          + (r.penalty() > 0 || r.debt() > 0 ? " (paid from reward " + Amounts.wal(r.fromReward()) + ", commission "
              + Amounts.wal(r.fromCommission()) + ", stake " + Amounts.wal(r.fromStake()) + "; owed "
              + Amounts.wal(r.debt()) + ")" : ""));
    }
  }

  /** The node of the wallet's only StorageNodeCap. */
  static ObjectId ownNode(LedgerClient client, Ed25519KeyPair key) {
    ObjectId cap = NodeCommand.nodeCap(client, key, null);
    ObjectView view = client.object(cap);
    return ObjectId.parse(view.fields().path("nodeId").asString());
  }
}
