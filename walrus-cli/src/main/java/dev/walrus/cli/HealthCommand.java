package dev.walrus.cli;

import dev.walrus.core.ObjectId;
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
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walrus health}: each storage node's {@code /v1/health}, asked over TLS pinned to its
 * registered key — the nodes Walrus's selectors name ({@link NodeSelection}: the current committee by
 * default, {@code --active-set}, {@code --node-ids}, {@code --node-urls}). A node that does not
 * answer is a row with its error, not a failure of the command.
 */
@Command(name = "health", description = "Ask storage nodes for their health: status, epoch, shards, event progress.")
final class HealthCommand extends LedgerVerb {
  @Mixin NodeSelection selection;

  @Option(names = "--detail", description = "Also each node's shards by status (asks the nodes for detail).")
  boolean detail;

  @Option(names = "--sort-by", defaultValue = "status", paramLabel = "KEY",
      description = "name, id, url or status (default: ${DEFAULT-VALUE}).")
  String sortBy;

  @Option(names = "--desc", description = "Sort in descending order.")
  boolean desc;

  @Option(names = "--concurrent-requests", defaultValue = "60", paramLabel = "N",
      description = "Nodes asked at the same time (default: ${DEFAULT-VALUE}).")
  int concurrentRequests;

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
    if (concurrentRequests < 1) {
      throw new CliException("--concurrent-requests must be at least 1");
    }
    NodeSelection.Selected selected;
    try (LedgerClient client = ledger.client()) {
      selected = selection.resolve(client);
    }
    List<NodeHealth> rows = ask(selected.nodes());
    rows = new ArrayList<>(rows);
    rows.sort(desc ? order.reversed() : order);
    if (json()) {
      Json.print(out(), rows);
      return 0;
    }
    out().println(terminal().teal("Storage node health") + " (" + selected.description() + ", "
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

  /**
   * The nodes on virtual threads, at most {@code --concurrent-requests} at a time; each call has the
   * client's own timeouts.
   */
  private List<NodeHealth> ask(List<NodeSelection.Target> targets) throws Exception {
    Semaphore inFlight = new Semaphore(concurrentRequests);
    try (StorageNodeClients clients = StorageNodeClients.create();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<NodeHealth>> answers = new ArrayList<>();
      for (NodeSelection.Target t : targets) {
        Callable<NodeHealth> ask = () -> {
          inFlight.acquire();
          try {
            return new NodeHealth(t.nodeId(), t.name(), t.networkAddress(),
                clients.forNode(t.networkAddress(), t.networkPublicKey()).health(detail), null);
          } catch (RuntimeException e) {
            return new NodeHealth(t.nodeId(), t.name(), t.networkAddress(), null, WalrusCli.message(e));
          } finally {
            inFlight.release();
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
