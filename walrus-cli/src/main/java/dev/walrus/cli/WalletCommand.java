package dev.walrus.cli;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.AccountView;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.client.LedgerClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code walrus wallet new|address|balance}: the account key the other verbs sign with. */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    description = "Create and inspect the wallet (an Ed25519 account key).",
    subcommands = {WalletCommand.New.class, WalletCommand.ShowAddress.class, WalletCommand.Balance.class})
final class WalletCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (new, address or balance)");
  }

  @Command(name = "new", description = "Create a new wallet key file.")
  static class New extends LedgerVerb {
    @Option(names = "--force", description = "Replace an existing wallet (its key is lost).")
    boolean force;

    record Output(String wallet, Address address) {}

    @Override
    public Integer call() throws Exception {
      Path file = ledger.walletPath();
      Ed25519KeyPair key = Ed25519KeyPair.generate();
      WalletFile.write(file, key, force);
      if (json()) {
        Json.print(out(), new Output(file.toString(), key.publicKey().toAddress()));
      } else {
        out().println(terminal().success() + " created the wallet " + file);
        out().println("Address: " + key.publicKey().toAddress());
      }
      return 0;
    }
  }

  /** Walrus's name for {@code wallet new} ({@code walrus generate-sui-wallet} there). */
  @Command(name = "generate-wallet", aliases = "generate-sui-wallet",
      description = "Create a new wallet key file (the same as 'wallet new').")
  static final class Generate extends New {}

  @Command(name = "address", description = "Print the wallet's address.")
  static final class ShowAddress extends LedgerVerb {
    record Output(Address address) {}

    @Override
    public Integer call() throws Exception {
      Address a = ledger.key().publicKey().toAddress();
      if (json()) {
        Json.print(out(), new Output(a));
      } else {
        out().println(a);
      }
      return 0;
    }
  }

  @Command(name = "balance", description = "Print the WAL balance and objects of the wallet (or of --address).")
  static final class Balance extends LedgerVerb {
    @Option(names = "--address", paramLabel = "ADDRESS", description = "Another account to look at.")
    String address;

    @Override
    public Integer call() throws Exception {
      Address a = address != null ? parseAddress(address) : ledger.key().publicKey().toAddress();
      AccountView account;
      try (LedgerClient client = ledger.client()) {
        account = client.account(a);
      }
      if (json()) {
        Json.print(out(), account);
        return 0;
      }
      out().println("Address: " + a);
      out().println("Balance: " + Amounts.both(account.balance()));
      out().println("Next sequence number: " + account.nextSequence());
      Map<String, Long> kinds = account.objects().stream()
          .collect(Collectors.groupingBy(ObjectView::type, TreeMap::new, Collectors.counting()));
      out().println("Objects: " + account.objects().size() + (kinds.isEmpty() ? "" : " (" + kinds.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")"));
      for (ObjectView o : account.objects()) {
        out().println("  " + o.id() + "  " + o.type());
      }
      return 0;
    }
  }

  static Address parseAddress(String text) {
    return parse(text, Address::parse);
  }

  static <T> T parse(String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new CliException(e.getMessage());
    }
  }

}
