package dev.walrus.cli;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClient;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code walrus info bft}: Walrus's Byzantine fault tolerance figures of the current committee —
 * the most faulty shards tolerated (f, with n = 3f + 1 + slack), the quorum 2f + 1, the correct
 * shards n − f a read can count on, and how few nodes (the largest first) hold more than f shards.
 * {@code --json}: Walrus's {@code InfoBftOutput}.
 */
@Command(name = "bft", description = "Byzantine fault tolerance: tolerated faulty shards, quorum, fewest nodes above f.")
final class InfoBftCommand extends LedgerVerb {
  @ParentCommand InfoCommand parent;

  /** Walrus's {@code InfoBftOutput}, field for field. */
  record Output(int maxFaultyShards, int minCorrectShards, int quorumThreshold, int minNodesAbove, int shardsAbove) {}

  @Override
  public Integer call() throws Exception {
    CommitteeView committee;
    int nShards;
    try (LedgerClient client = ledger.orElse(parent.ledger).client()) {
      committee = client.committee();
      // The network's shard count: the committee of epoch 0 is empty and has none.
      nShards = client.system().storageInfo().nShards();
    }
    Output o = of(nShards, committee.members().stream().map(m -> m.shards().size()).toList());
    if (json()) {
      Json.print(out(), o);
      return 0;
    }
    out().println(terminal().teal("BFT system information") + " (committee of epoch " + committee.epoch() + ")");
    out().println("Tolerated faults (f): " + o.maxFaultyShards());
    out().println("Quorum threshold (2f+1): " + o.quorumThreshold());
    out().println("Minimum number of correct shards (n-f): " + o.minCorrectShards());
    out().println("Minimum number of nodes to get above f: " + o.minNodesAbove() + " (" + o.shardsAbove() + " shards)");
    return 0;
  }

  /** The figures for {@code nShards} shards held by nodes with {@code shardsPerNode} shards each. */
  static Output of(int nShards, List<Integer> shardsPerNode) {
    int f = (nShards - 1) / 3;
    int nodes = 0;
    int shards = 0;
    for (int s : shardsPerNode.stream().sorted(Comparator.reverseOrder()).toList()) {
      if (shards > f) {
        break;
      }
      nodes++;
      shards += s;
    }
    return new Output(f, nShards - f, 2 * f + 1, nodes, shards);
  }
}
