package dev.walrus.cli;

import dev.walrus.core.Address;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.replication.ConfigFiles;
import dev.walrus.ledger.replication.ReplicaConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code walrus ledger run|genesis}: run a ledger replica, and make a network's genesis. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Run a ledger replica or create a ledger network's genesis.",
    subcommands = {LedgerCommand.Run.class, LedgerCommand.Genesis.class})
final class LedgerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (run or genesis)");
  }

  @Command(name = "run", description = "Run one replica of a ledger group until stopped (Ctrl-C, SIGTERM).")
  static final class Run extends Verb {
    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The replica configuration (YAML or JSON; see 'walrus ledger genesis --replicas').")
    Path config;

    record Output(String replicaId, String apiUrl, String raftAddress, String network) {}

    @Override
    public Integer call() throws Exception {
      LedgerReplica replica;
      try {
        replica = LedgerReplica.start(config);
      } catch (IllegalArgumentException e) {
        throw new CliException(config + ": " + e.getMessage(), e);
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        replica.close();
        stopped.countDown();
      }, "ledger-shutdown"));
      ReplicaConfig.Peer self = replica.config().self();
      if (json()) {
        Json.print(out(), new Output(self.id(), self.apiUrl(), self.raftAddress(),
            HexFormat.of().formatHex(replica.network())));
      } else {
        out().println(terminal().success() + " ledger replica " + self.id() + " of network '"
            + replica.genesis().networkName() + "' serving " + self.apiUrl() + " (Raft " + self.raftAddress() + ")");
      }
      out().flush();
      stopped.await();
      return 0;
    }
  }

  @Command(name = "genesis", description = "Write the genesis file of a new network, and optionally the configurations of its replicas.")
  static final class Genesis extends Verb {
    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--out", paramLabel = "FILE", description = "Write only the genesis file (YAML; JSON if it ends in .json).")
      Path out;

      @Option(names = "--dir", paramLabel = "DIR",
          description = "Write DIR/genesis.yaml, and with --replicas also DIR/r1.yaml… and DIR/client_config.yaml.")
      Path dir;
    }

    @Option(names = "--network-name", defaultValue = "local", description = "Default: ${DEFAULT-VALUE}.")
    String networkName;

    @Option(names = "--n-shards", defaultValue = "10", description = "Number of shards (default: ${DEFAULT-VALUE}).")
    int nShards;

    @Option(names = "--epoch-duration", defaultValue = "1h", paramLabel = "DURATION",
        description = "e.g. 10m, 1h, 14d (default: ${DEFAULT-VALUE}).")
    String epochDuration;

    @Option(names = "--epoch-zero-duration", paramLabel = "DURATION", description = "Default: the epoch duration.")
    String epochZeroDuration;

    @Option(names = "--max-epochs-ahead", defaultValue = "53", description = "Default: ${DEFAULT-VALUE}.")
    int maxEpochsAhead;

    @Option(names = "--max-active-set", defaultValue = "150", description = "Default: ${DEFAULT-VALUE}.")
    int maxActiveSet;

    @Option(names = "--fee", defaultValue = "0", paramLabel = "FROST", description = "Transaction fee (default: ${DEFAULT-VALUE}).")
    long fee;

    @Option(names = "--no-faucet", description = "No faucet: all WAL goes to --allocate owners and the unreachable rest.")
    boolean noFaucet;

    @Option(names = "--faucet-max", defaultValue = "1000WAL", paramLabel = "AMOUNT",
        description = "Most WAL per faucet request (default: ${DEFAULT-VALUE}).")
    String faucetMax;

    @Option(names = "--allocate", paramLabel = "ADDRESS=AMOUNT", description = "Give WAL at genesis (repeatable).")
    List<String> allocate = new ArrayList<>();

    @Option(names = "--genesis-time", paramLabel = "MS", description = "Genesis time in ms since 1970 (default: now).")
    Long genesisTime;

    @Option(names = "--challenges", defaultValue = "default", paramLabel = "default|test-net|none",
        description = {"Storage challenges (spec/challenges.md): 'default' runs them with the spec's constants,",
            "'test-net' with small ones for short epochs and few blobs, 'none' pays rewards without them",
            "(default: ${DEFAULT-VALUE}). The constants are written into the genesis file."})
    String challenges;

    @Option(names = "--replicas", defaultValue = "0", paramLabel = "N", description = "Also configure N replicas on --host (needs --dir).")
    int replicas;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host of the replicas (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--hosts", split = ",", paramLabel = "HOST[,HOST...]",
        description = "One replica per host, each on --api-port and --raft-port (replicas on separate machines; needs --dir).")
    List<String> hosts;

    @Option(names = "--api-port", defaultValue = "9101", description = "API port of r1; r2 gets the next… (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--raft-port", defaultValue = "9201", description = "Raft port of r1; r2 gets the next… (default: ${DEFAULT-VALUE}).")
    int raftPort;

    @Option(names = "--https", description = "The replicas serve their client API over HTTPS with a certificate of "
        + "their Raft key; the client configuration written pins those keys (ledgerKeys).")
    boolean https;

    record Output(String genesisFile, String network, List<String> replicaConfigs, String clientConfig) {}

    @Override
    public Integer call() throws Exception {
      if (hosts != null) {
        if (replicas != 0 && replicas != hosts.size()) {
          throw new CliException("--replicas " + replicas + " does not match the " + hosts.size() + " --hosts");
        }
        if (hosts.stream().distinct().count() != hosts.size() || hosts.stream().anyMatch(String::isBlank)) {
          throw new CliException("--hosts must name distinct hosts");
        }
        replicas = hosts.size();
      }
      if (replicas > 0 && target.dir == null) {
        throw new CliException((hosts != null ? "--hosts" : "--replicas") + " needs --dir");
      }
      if (replicas < 0 || replicas > 100) {
        throw new CliException("--replicas must be 0 to 100");
      }
      GenesisConfig genesis = genesis();
      Path genesisFile = target.out != null ? target.out : target.dir.resolve("genesis.yaml");
      ConfigFiles.write(genesisFile, genesis);
      List<String> configs = new ArrayList<>();
      String clientConfig = null;
      if (replicas > 0) {
        List<ReplicaConfig.Peer> peers = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
          // On one host the replicas take consecutive ports; on their own hosts they share the ports.
          String h = hosts != null ? hostLiteral(hosts.get(i - 1)) : hostLiteral(host);
          int shift = hosts != null ? 0 : i - 1;
          // Each replica's Raft key: Raft runs over mutual TLS pinned to these keys.
          NetworkKeyPair raftKey = NetworkKeyPair.generate();
          raftKey.write(target.dir.resolve("r" + i + "-raft-key.pem"));
          peers.add(new ReplicaConfig.Peer("r" + i, h + ":" + (raftPort + shift),
              (https ? "https://" : "http://") + h + ":" + (apiPort + shift),
              Base64.getEncoder().encodeToString(raftKey.publicKeyBytes())));
        }
        for (ReplicaConfig.Peer p : peers) {
          Path file = target.dir.resolve(p.id() + ".yaml");
          ConfigFiles.write(file, new ReplicaConfig(p.id(), "data/" + p.id(), "genesis.yaml", peers, null, null, null, null,
              new ReplicaConfig.TlsConfig(p.id() + "-raft-key.pem")).validated());
          configs.add(file.toString());
        }
        Path client = target.dir.resolve("client_config.yaml");
        ConfigFiles.write(client, new ClientConfig(peers.stream().map(ReplicaConfig.Peer::apiUrl).toList(),
            https ? peers.stream().map(ReplicaConfig.Peer::raftKey).toList() : null, null));
        clientConfig = client.toString();
      }
      String digest = "0x" + HexFormat.of().formatHex(genesis.digest());
      if (json()) {
        Json.print(out(), new Output(genesisFile.toString(), digest, configs, clientConfig));
      } else {
        out().println(terminal().success() + " wrote the genesis of network '" + genesis.networkName() + "' to "
            + genesisFile + " (network " + digest + ")");
        for (String c : configs) {
          out().println("Replica configuration: " + c + "   run: walrus ledger run --config " + c);
        }
        if (clientConfig != null) {
          out().println("Client configuration: " + clientConfig);
        }
      }
      return 0;
    }

    /** An IPv6 address in brackets, as it goes in host:port and URLs. */
    private static String hostLiteral(String h) {
      return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private Optional<ChallengeConfig> challengeConfig() {
      return switch (challenges) {
        case "default" -> Optional.of(ChallengeConfig.defaults());
        case "test-net" -> Optional.of(ChallengeConfig.testNet());
        case "none" -> Optional.empty();
        default -> throw new CliException("--challenges must be default, test-net or none, got '" + challenges + "'");
      };
    }

    private GenesisConfig genesis() {
      TreeMap<Address, Long> allocations = new TreeMap<>();
      for (String a : allocate) {
        int eq = a.indexOf('=');
        if (eq < 0) {
          throw new CliException("--allocate takes ADDRESS=AMOUNT, got '" + a + "'");
        }
        Address owner = WalletCommand.parseAddress(a.substring(0, eq).trim());
        if (allocations.put(owner, Amounts.parse(a.substring(eq + 1))) != null) {
          throw new CliException(owner + " is allocated twice");
        }
      }
      long epochMs = durationMs(epochDuration);
      // The faucet holds the unallocated supply at an address nobody has the key of.
      Address faucet = Address.of(Blake2b256.digest(("walrus-java/faucet/" + networkName).getBytes(StandardCharsets.UTF_8)));
      try {
        return new GenesisConfig(networkName, genesisTime != null ? genesisTime : System.currentTimeMillis(), nShards,
            epochZeroDuration != null ? durationMs(epochZeroDuration) : epochMs, epochMs, maxEpochsAhead, maxActiveSet,
            fee, !noFaucet, Amounts.parse(faucetMax), faucet, allocations, challengeConfig());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new CliException("invalid genesis: " + e.getMessage());
      }
    }
  }

  /** {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h}, {@code 14d} (or {@code 14days}); a bare number is ms. */
  static long durationMs(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    String[][] units = {{"ms", "1"}, {"days", "86400000"}, {"d", "86400000"}, {"h", "3600000"}, {"m", "60000"}, {"s", "1000"}};
    try {
      for (String[] u : units) {
        if (t.endsWith(u[0])) {
          long v = Long.parseLong(t.substring(0, t.length() - u[0].length()).trim());
          return Math.multiplyExact(v, Long.parseLong(u[1]));
        }
      }
      return Long.parseLong(t);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CliException("'" + text + "' is not a duration (e.g. 500ms, 90s, 10m, 1h, 14d)");
    }
  }

}
