package dev.walrus.cli;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.local.LocalNetwork;
import dev.walrus.local.testbed.DelayProxy;
import dev.walrus.local.testbed.Testbed;
import dev.walrus.local.testbed.TestbedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code walrus testbed up|down|kill|restart|partition|heal|status}: a network whose ledger
 * replicas and storage nodes each run on a host of their own — a Linux network namespace with its
 * own address — on this machine (root). See {@link Testbed}.
 */
@Command(
    name = "testbed",
    mixinStandardHelpOptions = true,
    description = {"A network spread over separate hosts on this machine: each ledger replica and storage node in a"
        + " network namespace of its own, with its own address, TLS between them (needs root and iproute2)."},
    subcommands = {TestbedCommand.Up.class, TestbedCommand.Down.class, TestbedCommand.Kill.class,
        TestbedCommand.Restart.class, TestbedCommand.Partition.class, TestbedCommand.Heal.class,
        TestbedCommand.Latency.class, TestbedCommand.Status.class, TestbedCommand.Exec.class})
final class TestbedCommand implements Runnable {
  /** What the testbed's client wallet gets from the faucet. */
  private static final long WALLET_WAL = 100_000;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand (up, down, kill, restart, partition, heal, latency or status)");
  }

  /** The testbed's directory option, shared by every subcommand. */
  abstract static class TestbedVerb extends Verb {
    @Option(names = "--dir", defaultValue = "testbed", paramLabel = "DIR",
        description = "Where the testbed lives: state, configurations, keys, stores, logs (default: ${DEFAULT-VALUE}).")
    Path dir;

    Path home() {
      return dir.toAbsolutePath();
    }
  }

  @Command(name = "up", description = "Create the hosts and start the network; returns once epoch 1 runs with every node.")
  static final class Up extends TestbedVerb {
    @Option(names = "--replicas", defaultValue = "1", paramLabel = "N", description = "Ledger replicas, one host each (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--nodes", defaultValue = "4", paramLabel = "N", description = "Storage nodes, one host each (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--shards", defaultValue = "100", paramLabel = "N", description = "Shards (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--epoch-duration", defaultValue = "10m", paramLabel = "DURATION",
        description = "Length of an epoch after epoch 0 (default: ${DEFAULT-VALUE}).")
    String epochDuration;

    @Option(names = "--tag", defaultValue = "wt", paramLabel = "TAG",
        description = "1-4 lowercase letters or digits in every namespace and link name (default: ${DEFAULT-VALUE}).")
    String tag;

    @Option(names = "--subnet", defaultValue = "77", paramLabel = "X",
        description = "Hosts get addresses 10.77.X.n: replicas n = 1.., nodes n = 101.., this machine 254 (default: ${DEFAULT-VALUE}).")
    int subnet;

    @Option(names = "--latency-proxy", description = "Connect the hosts through a user-space TCP proxy on this"
        + " machine, so that 'walrus testbed latency' can add delay and loss between them.")
    boolean latencyProxy;

    @Override
    public Integer call() throws Exception {
      Testbed.Options options;
      try {
        options = new Testbed.Options(replicas, nodes, shards, Duration.ofMillis(LedgerCommand.durationMs(epochDuration)),
            tag, subnet, latencyProxy);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      if (shards < nodes) {
        throw new CliException("--shards must be at least --nodes");
      }
      Path home = home();
      TestbedState state;
      try {
        state = Testbed.up(home, options, line -> {
          if (!json()) {
            out().println("  " + line);
            out().flush();
          }
        });
      } catch (IllegalStateException e) {
        throw new CliException(e.getMessage(), e);
      }
      Path walletFile = home.resolve("wallet.key");
      Ed25519KeyPair wallet = Ed25519KeyPair.generate();
      WalletFile.write(walletFile, wallet, true);
      try (LedgerClient client = Testbed.client(state)) {
        LocalNetwork.fund(client, wallet, WALLET_WAL);
      }
      Path clientConfig = home.resolve("client_config.yaml");
      Files.writeString(clientConfig, "# written by walrus testbed: the testbed's ledger replicas and a funded wallet\n"
          + "ledgerUrls: [" + String.join(", ", state.ledgerUrls()) + "]\nledgerKeys: ["
          + String.join(", ", state.ledgerKeys()) + "]\nwallet: wallet.key\n");
      if (json()) {
        Json.print(out(), state);
      } else {
        out().println(terminal().success() + " testbed up in " + home + ": " + replicas + " ledger replica(s), "
            + nodes + " storage nodes on " + state.subnet());
        out().println("Client configuration: " + clientConfig + "  (e.g. walrus store FILE --epochs 1 --config "
            + clientConfig + ")");
        out().println("Stop and remove everything with: walrus testbed down --dir " + home);
      }
      return 0;
    }
  }

  @Command(name = "down", description = "Stop every process and remove every namespace and link of the testbed.")
  static final class Down extends TestbedVerb {
    @Option(names = "--tag", paramLabel = "TAG",
        description = "Instead of a directory's testbed, remove what a crashed testbed with this tag left: its"
            + " processes, namespaces and bridge.")
    String tag;

    @Override
    public Integer call() throws Exception {
      if (tag != null) {
        List<String> done = Testbed.removeLeftovers(tag);
        if (json()) {
          Json.print(out(), done);
        } else {
          done.forEach(d -> out().println("  " + d));
          out().println(terminal().success() + (done.isEmpty() ? " nothing of testbed tag '" + tag + "' was left"
              : " removed what testbed tag '" + tag + "' left"));
        }
        return 0;
      }
      List<String> done = Testbed.down(home());
      if (json()) {
        Json.print(out(), done);
      } else {
        done.forEach(d -> out().println("  " + d));
        out().println(terminal().success() + (done.isEmpty() ? " no testbed was up in " : " testbed removed from ") + home());
      }
      return 0;
    }
  }

  @Command(name = "kill", description = "kill -9 the process of a host (a crash); restart brings it back.")
  static final class Kill extends TestbedVerb {
    @Parameters(paramLabel = "HOST", description = "r1… (ledger replicas) or n1… (storage nodes).")
    String host;

    @Override
    public Integer call() throws Exception {
      run(() -> Testbed.kill(home(), host));
      out().println(terminal().success() + " killed " + host);
      return 0;
    }
  }

  @Command(name = "restart", description = "Start a host's process again (stopping it first if it runs).")
  static final class Restart extends TestbedVerb {
    @Parameters(paramLabel = "HOST", description = "r1… or n1….")
    String host;

    @Override
    public Integer call() throws Exception {
      run(() -> Testbed.restart(home(), host));
      out().println(terminal().success() + " restarted " + host);
      return 0;
    }
  }

  @Command(name = "partition", description = "Cut hosts off the network (no packet in or out) until heal.")
  static final class Partition extends TestbedVerb {
    @Parameters(arity = "1..*", paramLabel = "HOST", description = "r1… or n1….")
    List<String> hosts;

    @Override
    public Integer call() throws Exception {
      run(() -> {
        Testbed.partition(home(), hosts);
        return null;
      });
      out().println(terminal().success() + " partitioned " + String.join(", ", hosts));
      return 0;
    }
  }

  @Command(name = "heal", description = "Join partitioned hosts to the network again (all of them by default).")
  static final class Heal extends TestbedVerb {
    @Parameters(arity = "0..*", paramLabel = "HOST", description = "r1… or n1… (default: every host).")
    List<String> hosts = List.of();

    @Override
    public Integer call() throws Exception {
      run(() -> {
        Testbed.heal(home(), hosts);
        return null;
      });
      out().println(terminal().success() + " healed " + (hosts.isEmpty() ? "every host" : String.join(", ", hosts)));
      return 0;
    }
  }

  @Command(name = "exec", description = "Run a command inside a host's network namespace (as that host sees the"
      + " network, partitioned or not), e.g. 'walrus testbed exec r1 -- curl http://10.77.77.1:9101/v1/status'.")
  static final class Exec extends TestbedVerb {
    @Parameters(index = "0", paramLabel = "HOST", description = "r1… or n1….")
    String host;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The program and its arguments.")
    List<String> command;

    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "DURATION",
        description = "Kill the command after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
      java.time.Duration limit = run(() -> java.time.Duration.ofMillis(LedgerCommand.durationMs(timeout)));
      java.io.PrintWriter o = out();
      java.io.PrintWriter e = terminal().err();
      try {
        return run(() -> Testbed.exec(home(), host, command, o, e, limit));
      } catch (java.io.IOException failed) {
        throw new CliException(failed.getMessage(), failed);
      }
    }
  }

  @Command(name = "latency", description = "Set the delay (each way) and loss between every pair of hosts, open"
      + " connections included (needs 'up --latency-proxy').")
  static final class Latency extends TestbedVerb {
    @Parameters(paramLabel = "DELAY", description = "One-way delay, e.g. 100ms or 0 (a round trip grows by twice it).")
    String delay;

    @Option(names = "--loss", defaultValue = "0", paramLabel = "PERCENT",
        description = "Chance in percent that a chunk of data is held one retransmission timeout (200 ms) longer, as"
            + " TCP recovers a lost segment (default: ${DEFAULT-VALUE}).")
    double lossPercent;

    @Override
    public Integer call() throws Exception {
      DelayProxy.Conditions conditions = run(() -> new DelayProxy.Conditions(LedgerCommand.durationMs(delay),
          lossPercent / 100));
      run(() -> {
        Testbed.setConditions(home(), conditions);
        return null;
      });
      out().println(terminal().success() + " " + Testbed.describe(conditions) + " between every pair of hosts"
          + " (the proxy applies it within a second)");
      return 0;
    }
  }

  @Command(name = "status", description = "Each host: role, address, process, link.")
  static final class Status extends TestbedVerb {
    @Override
    public Integer call() throws Exception {
      List<String> lines = run(() -> Testbed.status(home()));
      if (json()) {
        Json.print(out(), Testbed.require(home()));
      } else {
        lines.forEach(out()::println);
      }
      return 0;
    }
  }

  interface Action<T> {
    T run() throws Exception;
  }

  /** Runs a testbed action, turning its refusals (no testbed, unknown host) into one-line errors. */
  static <T> T run(Action<T> action) throws Exception {
    try {
      return action.run();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
