package dev.walrus.cli;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code walrus node-admin collect-commission|set-commission-authorized|set-governance-authorized}:
 * Walrus's pool administration, signed by the wallet, which must be the address the pool
 * authorizes for that (its commission receiver, or its governance-authorized address). Walrus may
 * also authorize a capability object ({@code --object}); the ledger authorizes addresses only.
 */
@Command(name = "node-admin", mixinStandardHelpOptions = true,
    description = "Administer a storage node's pool: collect commission, set who may collect it or vote.",
    subcommands = {NodeAdminCommand.CollectCommission.class, NodeAdminCommand.SetCommissionAuthorized.class,
        NodeAdminCommand.SetGovernanceAuthorized.class})
final class NodeAdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand (collect-commission, set-commission-authorized or set-governance-authorized)");
  }

  /** A subcommand on one node's pool. */
  abstract static class PoolVerb extends LedgerVerb {
    @Option(names = "--node-id", required = true, paramLabel = "ID", description = "The storage node (its pool).")
    String nodeId;

    protected TransactionEffects submit(Function<ObjectId, Operation> operation) throws IOException {
      ObjectId node = WalletCommand.parse(nodeId, ObjectId::parse);
      try (LedgerClient client = ledger.client()) {
        return execute(client, ledger.key(), operation.apply(node));
      }
    }
  }

  /** Walrus's {@code ObjectOrAddress}, of which the ledger takes the address. */
  abstract static class AuthorizeVerb extends PoolVerb {
    @Option(names = "--address", paramLabel = "ADDRESS", description = "The address to authorize.")
    String address;

    @Option(names = "--object", paramLabel = "ID", description = "Walrus's capability object: not supported here.")
    String object;

    protected Address authorized() {
      if (object != null) {
        throw new CliException("the ledger authorizes addresses only: use --address instead of --object");
      }
      if (address == null) {
        throw new CliException("give the --address to authorize");
      }
      return WalletCommand.parseAddress(address);
    }
  }

  @Command(name = "collect-commission", description = "Move the pool's collectable commission to the wallet (its commission receiver).")
  static final class CollectCommission extends PoolVerb {
    @Override
    public Integer call() throws Exception {
      TransactionEffects e = submit(Operation.CollectCommission::new);
      long amount = e.events().stream().map(EventEnvelope::event)
          .filter(LedgerEvent.CommissionCollected.class::isInstance).map(LedgerEvent.CommissionCollected.class::cast)
          .mapToLong(LedgerEvent.CommissionCollected::amount).sum();
      report(e, "collected " + Amounts.both(amount) + " of commission");
      return 0;
    }
  }

  @Command(name = "set-commission-authorized", description = "Set the address that may collect the pool's commission.")
  static final class SetCommissionAuthorized extends AuthorizeVerb {
    @Override
    public Integer call() throws Exception {
      Address to = authorized();
      report(submit(node -> new Operation.SetCommissionReceiver(node, to)), "the commission receiver is now " + to);
      return 0;
    }
  }

  @Command(name = "set-governance-authorized", description = "Set the address that may vote for the pool (penalties).")
  static final class SetGovernanceAuthorized extends AuthorizeVerb {
    @Override
    public Integer call() throws Exception {
      Address to = authorized();
      report(submit(node -> new Operation.SetGovernanceAuthorized(node, to)),
          "the governance-authorized address is now " + to);
      return 0;
    }
  }
}
