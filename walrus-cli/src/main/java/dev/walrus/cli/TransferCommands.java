package dev.walrus.cli;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The WAL and staking verbs: {@code get-wal}, {@code transfer}, {@code stake}, {@code unstake}, {@code withdraw}. */
final class TransferCommands {
  private TransferCommands() {}

  @Command(name = "get-wal", description = "Get WAL from the network's faucet (local and test networks).")
  static final class GetWal extends LedgerVerb {
    @Option(names = "--amount", paramLabel = "AMOUNT",
        description = "FROST, or WAL with a suffix (e.g. 10WAL); default: the faucet's maximum per request.")
    String amount;

    @Override
    public Integer call() throws Exception {
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        SystemInfoView.LedgerInfo info = client.system().ledgerInfo();
        if (!info.faucetEnabled()) {
          throw new CliException("this network has no faucet");
        }
        long frost = amount != null ? Amounts.parse(amount) : info.faucetMaxPerRequest();
        TransactionEffects e = execute(client, key, new Operation.RequestFaucet(frost));
        report(e, "received " + Amounts.both(frost) + " from the faucet");
      }
      return 0;
    }
  }

  @Command(name = "transfer", description = "Send WAL to another address.")
  static final class Transfer extends LedgerVerb {
    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "The recipient (0x + 64 hex digits).")
    String to;

    @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "FROST, or WAL with a suffix (e.g. 1.5WAL).")
    String amount;

    @Override
    public Integer call() throws Exception {
      Address recipient = WalletCommand.parseAddress(to);
      long frost = Amounts.parse(amount);
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        TransactionEffects e = execute(client, key, new Operation.Transfer(recipient, frost));
        report(e, "sent " + Amounts.both(frost) + " to " + recipient);
      }
      return 0;
    }
  }

  @Command(name = "stake", description = "Stake WAL with a storage node's pool.")
  static final class Stake extends LedgerVerb {
    @Option(names = "--node-id", required = true, paramLabel = "ID", description = "The node (its pool's object ID).")
    String nodeId;

    @Option(names = "--amount", defaultValue = "1WAL", paramLabel = "AMOUNT",
        description = "FROST, or WAL with a suffix (default: ${DEFAULT-VALUE}).")
    String amount;

    @Override
    public Integer call() throws Exception {
      ObjectId node = WalletCommand.parse(nodeId, ObjectId::parse);
      long frost = Amounts.parse(amount);
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        TransactionEffects e = execute(client, key, new Operation.StakeWithPool(node, frost));
        report(e, "staked " + Amounts.both(frost) + " with node " + node
            + (e.created().isEmpty() ? "" : "; StakedWal " + e.created().get(0)));
      }
      return 0;
    }
  }

  @Command(name = "unstake", aliases = "request-withdraw-stake",
      description = "Ask to withdraw a stake (it leaves the pool at the next possible epoch).")
  static final class Unstake extends LedgerVerb {
    @Option(names = "--staked-wal", required = true, paramLabel = "ID", description = "The StakedWal object.")
    String stakedWal;

    @Override
    public Integer call() throws Exception {
      ObjectId id = WalletCommand.parse(stakedWal, ObjectId::parse);
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        report(execute(client, key, new Operation.RequestWithdrawStake(id)), "requested the withdrawal of " + id);
      }
      return 0;
    }
  }

  @Command(name = "withdraw", aliases = "withdraw-stake",
      description = "Withdraw a stake whose withdrawal epoch has come (principal and rewards).")
  static final class Withdraw extends LedgerVerb {
    @Option(names = "--staked-wal", required = true, paramLabel = "ID", description = "The StakedWal object.")
    String stakedWal;

    @Override
    public Integer call() throws Exception {
      ObjectId id = WalletCommand.parse(stakedWal, ObjectId::parse);
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        report(execute(client, key, new Operation.WithdrawStake(id)), "withdrew " + id);
      }
      return 0;
    }
  }
}
