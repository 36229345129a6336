package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.HealthInfo;
import dev.walrus.node.client.StorageNodeClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code walrus health}: each storage node's {@code /v1/health}, asked over TLS pinned to its
 * registered key — the current committee's nodes, or those of {@code --node-ids}. A node that does
 * not answer is a row with its error, not a failure of the command.
 */
@Command(name = "health", description = "Ask storage nodes for their health: status, epoch, shards, event progress.")
final class HealthCommand extends LedgerVerb {
  @Option(names = "--node-ids", split = ",", paramLabel = "ID[,ID…]",
      description = "Only these nodes (default: every node of the current committee).")
  List<String> nodeIds = new ArrayList<>();

  @Option(names = "--detail", description = "Also each node's shards by status (asks the nodes for detail).")
  boolean detail;

  @Option(names = "--sort-by", defaultValue = "name", paramLabel = "KEY",
      description = "name, id, url or status (default: ${DEFAULT-VALUE}).")
  String sortBy;

  @Option(names = "--desc", description = "Sort in descending order.")
  boolean desc;

  /** One node's answer, or why there is none. */
  record NodeHealth(ObjectId nodeId, String name, String networkAddress, HealthInfo health, String error) {
    String status() {
      return health != null ? health.nodeStatus() : "unreachable";
    }
  }

  @Override
  public Integer call() throws Exception {
    Comparator<NodeHealth> order = switch (sortBy.toLowerCase(Locale.ROOT)) {
      case "name" -> Comparator.comparing(NodeHealth::name);
      case "id" -> Comparator.comparing(NodeHealth::nodeId);
      case "url" -> Comparator.comparing(NodeHealth::networkAddress);
      case "status" -> Comparator.comparing(NodeHealth::status).thenComparing(NodeHealth::name);
      default -> throw new CliException("--sort-by must be name, id, url or status, not '" + sortBy + "'");
    };
    List<ObjectId> wanted = nodeIds.stream().map(s -> WalletCommand.parse(s, ObjectId::parse)).toList();
    CommitteeView committee;
    try (LedgerClient client = ledger.client()) {
      committee = client.committee();
    }
    List<CommitteeView.Member> members = committee.members().stream()
        .filter(m -> wanted.isEmpty() || wanted.contains(m.nodeId())).toList();
    List<ObjectId> unknown = wanted.stream().filter(id -> members.stream().noneMatch(m -> m.nodeId().equals(id)))
        .toList();
    if (!unknown.isEmpty()) {
      throw new CliException("not in the committee of epoch " + committee.epoch() + ": " + unknown);
    }
    List<NodeHealth> rows = ask(members);
    rows = new ArrayList<>(rows);
    rows.sort(desc ? order.reversed() : order);
    if (json()) {
      Json.print(out(), rows);
      return 0;
    }
    out().println(terminal().teal("Storage node health") + " (committee of epoch " + committee.epoch() + ", "
        + rows.size() + " nodes)");
    for (NodeHealth r : rows) {
      StringBuilder line = new StringBuilder(r.name() + "  " + r.nodeId() + "  " + r.networkAddress() + "  "
          + r.status());
      if (r.health() != null) {
        HealthInfo h = r.health();
        line.append("  epoch ").append(h.epoch()).append("  shards owned ").append(h.shardSummary().owned())
            .append("  events pending ").append(h.eventProgress().pending());
        if (detail) {
          HealthInfo.OwnedShardStatus s = h.shardSummary().ownedShardStatus();
          line.append("  (ready ").append(s.ready()).append(", in transfer ").append(s.inTransfer())
              .append(", in recovery ").append(s.inRecovery()).append(", unknown ").append(s.unknown())
              .append("; read-only ").append(h.shardSummary().readOnly()).append(")");
        }
      } else {
        line.append("  ").append(r.error());
      }
      out().println(line);
    }
    return 0;
  }

  /** Every node at once, on virtual threads; each call has the client's own timeouts. */
  private List<NodeHealth> ask(List<CommitteeView.Member> members) throws Exception {
    try (StorageNodeClients clients = StorageNodeClients.create();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<NodeHealth>> answers = new ArrayList<>();
      for (CommitteeView.Member m : members) {
        Callable<NodeHealth> ask = () -> {
          try {
            return new NodeHealth(m.nodeId(), m.name(), m.networkAddress(),
                clients.forNode(m.networkAddress(), m.networkPublicKey()).health(detail), null);
          } catch (RuntimeException e) {
            return new NodeHealth(m.nodeId(), m.name(), m.networkAddress(), null, WalrusCli.message(e));
          }
        };
        answers.add(pool.submit(ask));
      }
      List<NodeHealth> rows = new ArrayList<>();
      for (Future<NodeHealth> f : answers) {
        rows.add(f.get());
      }
      return rows;
    }
  }
}
