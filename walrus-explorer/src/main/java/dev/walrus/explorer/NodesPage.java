package dev.walrus.explorer;

import static dev.walrus.explorer.Html.text;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.StakingView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /nodes}: every staking pool with its stake, commission, shards, capacity vote and live
 * health, and the shard map (one cell per shard, coloured by owner). Node software versions are
 * not shown: neither the ledger nor a node's {@code /v1/health} reports one.
 */
final class NodesPage {
  private NodesPage() {}

  /**
   * One node; {@code capacity} is its capacity vote in bytes, {@code healthy}/{@code health} from
   * its {@code /v1/health} (committee members only: others have no shards to serve).
   */
  record Row(ObjectId nodeId, String name, String networkAddress, long stake, long nextStake, int commissionRate,
      List<Integer> shards, Long capacity, boolean inCommittee, Boolean healthy, String health) {}

  /** {@code shardOwners[i]}: the index in {@code nodes} of shard i's owner, -1 if none. */
  record Nodes(int epoch, int nShards, List<Row> nodes, int[] shardOwners) {}

  static View view(LedgerReads ledger, NodeProbe probe) {
    Nodes n = load(ledger, probe);
    return View.ok("Nodes", render(n), n);
  }

  static Nodes load(LedgerReads ledger, NodeProbe probe) {
    CommitteeView committee = ledger.read(c -> c.committee());
    StakingView staking = ledger.read(c -> c.staking());
    List<NodeProbe.Answer> health = probe.health(committee.members());
    Map<ObjectId, Integer> memberIndex = new HashMap<>();
    for (int i = 0; i < committee.members().size(); i++) {
      memberIndex.put(committee.members().get(i).nodeId(), i);
    }
    List<Row> rows = new ArrayList<>();
    int[] owners = new int[committee.nShards()];
    java.util.Arrays.fill(owners, -1);
    for (StakingView.Pool p : staking.pools()) {
      Integer m = memberIndex.get(p.nodeId());
      List<Integer> shards = m == null ? List.of() : committee.members().get(m).shards();
      for (int s : shards) {
        if (s >= 0 && s < owners.length) {
          owners[s] = rows.size();
        }
      }
      rows.add(new Row(p.nodeId(), p.name(), p.networkAddress(), p.stake(), p.nextStake(), p.commissionRate(), shards,
          p.nodeCapacity(), m != null, m == null ? null : health.get(m).ok(),
          m == null ? "not in the committee" : health.get(m).detail()));
    }
    return new Nodes(committee.epoch(), committee.nShards(), rows, owners);
  }

  static String render(Nodes n) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < n.nodes().size(); i++) {
      Row r = n.nodes().get(i);
      rows.add(List.of(
          swatch(i) + Html.link("/node/" + r.nodeId(), r.name() == null ? r.nodeId().toString() : r.name()),
          Units.wal(r.stake()),
          Units.basisPoints(r.commissionRate()),
          String.valueOf(r.shards().size()),
          r.capacity() == null ? "—" : Units.bytes(r.capacity()),
          healthCell(r)));
    }
    return Html.heading("Storage nodes")
        + Html.paragraph("Epoch " + n.epoch() + ": " + n.nodes().stream().filter(Row::inCommittee).count()
            + " nodes in the committee, " + n.nShards() + " shards.")
        + Html.table("nodes", List.of("Node", "Stake", "Commission", "Shards", "Capacity", "Health"), rows)
        + Html.section("Shard map", shardMap(n));
  }

  static String healthCell(Row r) {
    if (r.healthy() == null) {
      return "<span class=\"muted\">" + text(r.health()) + "</span>";
    }
    return "<span class=\"" + (r.healthy() ? "ok" : "bad") + "\">" + (r.healthy() ? "up" : "down") + "</span> <small>"
        + text(r.health()) + "</small>";
  }

  /** A coloured square for node {@code i}: the same hue as its shards on the map. */
  static String swatch(int i) {
    return "<span class=\"swatch\" style=\"background:" + colour(i) + "\"></span>";
  }

  /**
   * Hues spread by the golden angle, so neighbours differ even with many nodes; starting at blue,
   * so the first node does not look like the red of a failure.
   */
  static String colour(int i) {
    return i < 0 ? "#ddd" : "hsl(" + ((210 + i * 137) % 360) + ",60%,55%)";
  }

  private static String shardMap(Nodes n) {
    StringBuilder b = new StringBuilder("<div class=\"grid\">");
    for (int s = 0; s < n.shardOwners().length; s++) {
      int owner = n.shardOwners()[s];
      String who = owner < 0 ? "no owner" : String.valueOf(n.nodes().get(owner).name());
      b.append("<a class=\"cell\" style=\"background:").append(colour(owner)).append("\" title=\"shard ").append(s)
          .append(": ").append(text(who)).append("\"")
          .append(owner < 0 ? "" : " href=\"/node/" + n.nodes().get(owner).nodeId() + "\"").append("></a>");
    }
    return b.append("</div>\n").toString();
  }
}
