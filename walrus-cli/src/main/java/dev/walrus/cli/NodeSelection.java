package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.StakingView;
import dev.walrus.ledger.client.LedgerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Walrus's {@code NodeSelection}: which storage nodes a verb asks — by ID, by URL, the current
 * committee or the active set (every staked node eligible for the next committee). At most one
 * selector may be given; with none, the current committee (Walrus insists on exactly one; the
 * committee is what its users pass nearly always, so walrus-java takes it as the default).
 */
final class NodeSelection {
  @Option(names = {"--node-ids", "--node-id"}, split = ",", arity = "1..*", paramLabel = "ID",
      description = "These registered nodes (IDs, separated by spaces or commas).")
  List<String> nodeIds = new ArrayList<>();

  @Option(names = {"--node-urls", "--node-url"}, split = ",", arity = "1..*", paramLabel = "URL",
      description = "The nodes of the active set at these network addresses (host:port).")
  List<String> nodeUrls = new ArrayList<>();

  @Option(names = "--committee", description = "Every node of the current committee (the default).")
  boolean committee;

  @Option(names = "--active-set", description = "Every node of the active set: staked and eligible for the next committee.")
  boolean activeSet;

  /** A node to ask: enough to reach it over TLS pinned to its registered key. */
  record Target(ObjectId nodeId, String name, String networkAddress, byte[] networkPublicKey) {}

  /** What was selected and how, for the heading of the output. */
  record Selected(String description, List<Target> nodes) {}

  Selected resolve(LedgerClient client) {
    int chosen = (nodeIds.isEmpty() ? 0 : 1) + (nodeUrls.isEmpty() ? 0 : 1) + (committee ? 1 : 0)
        + (activeSet ? 1 : 0);
    if (chosen > 1) {
      throw new CliException("give only one of --node-ids, --node-urls, --committee or --active-set");
    }
    if (!nodeIds.isEmpty()) {
      return byIds(client.staking());
    }
    if (!nodeUrls.isEmpty()) {
      return byUrls(client.staking());
    }
    if (activeSet) {
      StakingView staking = client.staking();
      return new Selected("active set of epoch " + staking.epoch(),
          staking.pools().stream().filter(StakingView.Pool::inActiveSet).map(NodeSelection::target).toList());
    }
    CommitteeView c = client.committee();
    return new Selected("committee of epoch " + c.epoch(), c.members().stream()
        .map(m -> new Target(m.nodeId(), m.name(), m.networkAddress(), m.networkPublicKey())).toList());
  }

  private Selected byIds(StakingView staking) {
    Map<ObjectId, StakingView.Pool> pools = staking.pools().stream()
        .collect(Collectors.toMap(StakingView.Pool::nodeId, Function.identity(), (a, b) -> a));
    List<ObjectId> ids = nodeIds.stream().map(s -> WalletCommand.parse(s, ObjectId::parse)).distinct().toList();
    List<ObjectId> unknown = ids.stream().filter(id -> !pools.containsKey(id)).toList();
    if (!unknown.isEmpty()) {
      throw new CliException("no storage node is registered with ID " + unknown.stream().map(ObjectId::toString)
          .collect(Collectors.joining(", ")));
    }
    return new Selected(ids.size() + " selected by ID", ids.stream().map(id -> target(pools.get(id))).toList());
  }

  private Selected byUrls(StakingView staking) {
    List<Target> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String url : nodeUrls.stream().distinct().toList()) {
      String address = url.replaceFirst("^https?://", "").replaceFirst("/+$", "");
      staking.pools().stream().filter(p -> p.inActiveSet() && address.equals(p.networkAddress())).findFirst()
          .ifPresentOrElse(p -> found.add(target(p)), () -> unknown.add(url));
    }
    if (!unknown.isEmpty()) {
      throw new CliException("no node of the active set has the network address " + String.join(", ", unknown));
    }
    return new Selected(found.size() + " selected by URL", found);
  }

  private static Target target(StakingView.Pool p) {
    return new Target(p.nodeId(), p.name(), p.networkAddress(), p.networkPublicKey());
  }
}
