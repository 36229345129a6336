package dev.walrus.cli;

import dev.walrus.daemon.DaemonServer;
import dev.walrus.daemon.DaemonSettings;
import dev.walrus.explorer.ExplorerServer;
import dev.walrus.explorer.ExplorerSettings;
import dev.walrus.local.LocalNetwork;
import dev.walrus.local.LocalState;
import dev.walrus.local.ProcessNodes;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.config.NodeConfig;
import dev.walrus.sites.portal.LedgerSiteDirectory;
import dev.walrus.sites.portal.PortalServer;
import dev.walrus.sites.portal.PortalSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code walrus local}: a whole network on this machine, in one command. This process runs the
 * embedded ledger and the HTTP daemon; each storage node is its own process. The directory keeps
 * everything (ledger, nodes, wallet, {@code client_config.yaml}, {@code state.json}), so a second
 * run resumes the same network; {@code --fresh} throws it away first. Ctrl-C stops everything.
 */
@Command(name = "local", description = "Start a whole Walrus network on this machine: a ledger, storage nodes"
    + " (separate processes) and the HTTP daemon. Runs until Ctrl-C; a second run resumes it.")
final class LocalCommand extends Verb {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** What the local wallet gets from the faucet at creation (stores of many GiB for many epochs). */
  private static final long WALLET_WAL = 1_000_000;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the network lives (default: ~/.walrus/local).")
  Path dir;

  @Option(names = "--nodes", defaultValue = "10", paramLabel = "N",
      description = "Storage nodes, each a separate process (default: ${DEFAULT-VALUE}; ignored when resuming).")
  int nodes;

  @Option(names = "--shards", defaultValue = "1000", paramLabel = "N",
      description = "Shards, as on Walrus's mainnet (default: ${DEFAULT-VALUE}; ignored when resuming).")
  int shards;

  @Option(names = "--epoch-duration", defaultValue = "1h", paramLabel = "DURATION",
      description = "Length of an epoch, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}; ignored when resuming).")
  String epochDuration;

  @Option(names = "--daemon-address", defaultValue = "127.0.0.1:31415", paramLabel = "HOST:PORT",
      description = "Where the publisher/aggregator listens (default: ${DEFAULT-VALUE}).")
  String daemonAddress;

  @Option(names = "--portal-address", defaultValue = "127.0.0.1:3000", paramLabel = "HOST:PORT",
      description = "Where the Walrus Sites portal listens: sites at http://<base36 site ID>.localhost:PORT/ "
          + "(default: ${DEFAULT-VALUE}; port 0 for any).")
  String portalAddress;

  @Option(names = "--explorer-address", defaultValue = "127.0.0.1:31416", paramLabel = "HOST:PORT",
      description = "Where the explorer listens (default: ${DEFAULT-VALUE}; port 0 for any).")
  String explorerAddress;

  @Option(names = "--metrics-address", defaultValue = "127.0.0.1:27182", paramLabel = "HOST:PORT",
      description = "Where the daemon serves Prometheus metrics at /metrics (default: ${DEFAULT-VALUE}; port 0 for any).")
  String metricsAddress;

  @Option(names = "--max-body-size", paramLabel = "KIB",
      description = "The largest blob the daemon accepts in a PUT, in KiB (default: the network's maximum blob size).")
  Long maxBodyKib;

  @Option(names = "--node-heap", defaultValue = "512m", paramLabel = "SIZE",
      description = "Maximum Java heap of each node process (default: ${DEFAULT-VALUE}).")
  String nodeHeap;

  @Option(names = "--fresh", description = "Delete the network in DIR and start a new one.")
  boolean fresh;

  @Option(names = "--challenges", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run storage challenges with the spec's default constants (default: on; --no-challenges turns them"
          + " off; ignored when resuming). Watch them with 'walrus challenges'.")
  boolean challenges;

  @Override
  public Integer call() throws Exception {
    Path home = (dir != null ? dir : Path.of(System.getProperty("user.home"), ".walrus", "local")).toAbsolutePath();
    if (nodes < 1 || shards < nodes || shards > 65535) {
      throw new CliException("need 1 <= --nodes <= --shards <= 65535, got " + nodes + " nodes and " + shards + " shards");
    }
    long epochMs = LedgerCommand.durationMs(epochDuration);
    if (epochMs < 10_000) {
      throw new CliException("--epoch-duration must be at least 10s");
    }
    InetSocketAddress daemonAt = parseAddress(daemonAddress);
    Optional<LocalState> previous = readState(home);
    previous.ifPresent(this::refuseIfRunning);
    previous.ifPresent(LocalCommand::killLeftoverNodes);
    if (fresh) {
      LocalNetwork.deleteTree(home);
    }
    Files.createDirectories(home);
    boolean resume = Files.isRegularFile(home.resolve("ledger.yaml"));
    PrintWriter err = terminal().err();
    ProcessNodes launcher = new ProcessNodes(Duration.ofSeconds(5), nodeHeap);
    // Ctrl-C at any point from here on stops whatever was started: nodes launched so far, the
    // daemon, the ledger (a Ctrl-C during start-up used to leave the node processes running).
    Lifecycle life = new Lifecycle(launcher, home);
    Runtime.getRuntime().addShutdownHook(new Thread(life::stop, "local-shutdown"));
    LocalNetwork network;
    if (resume) {
      note(err, "resuming the network in " + home + " (--fresh starts a new one)");
      try {
        network = LocalNetwork.resume(home, launcher, ProcessNodes::readSpec);
      } catch (dev.walrus.node.config.InvalidKeyFileException e) {
        throw new CliException("cannot resume the network in " + home + ": " + e.getMessage()
            + "; a network made before node TLS cannot be resumed: start a new one with --fresh", e);
      }
    } else {
      note(err, "starting a ledger and " + nodes + " storage nodes with " + shards + " shards in " + home
          + " (the first epoch takes about " + Math.max(12, 2 * nodes) + " s)");
      network = LocalNetwork.start(home, nodes, shards, Duration.ofMillis(epochMs), launcher,
          challenges ? Optional.of(ChallengeConfig.defaults()) : Optional.empty());
    }
    life.network = network;
    Running running = startClients(network, home, daemonAt, !resume);
    life.running = running;
    warmUp(running, err);
    LocalState state = state(network, home, running);
    state.write(home);
    life.state = state;
    printUsage(state);
    life.stopped.await();
    return 0;
  }

  /**
   * What a Ctrl-C (or any exit) must stop, filled in as start-up proceeds; {@link #stop} runs once,
   * from the shutdown hook.
   */
  private final class Lifecycle {
    final ProcessNodes launcher;
    final Path home;
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile LocalNetwork network;
    volatile Running running;
    volatile LocalState state;

    Lifecycle(ProcessNodes launcher, Path home) {
      this.launcher = launcher;
      this.home = home;
    }

    void stop() {
      terminal().err().println("walrus local: stopping the explorer, the portal, the daemon, the nodes and the ledger...");
      terminal().err().flush();
      if (running != null) {
        running.close();
      }
      if (network != null) {
        network.close();
      }
      launcher.stopAll();
      if (state != null) {
        try {
          state.stopped().write(home);
        } catch (IOException e) {
          terminal().err().println("walrus local: could not update " + home.resolve(LocalState.FILE) + ": " + e);
        }
      }
      stopped.countDown();
    }
  }

  /**
   * One small blob stored through the daemon, read back and deleted before the network is called
   * ready, so that the first store a user makes does not pay for the JIT compilation of every
   * process on its path (the daemon's encoder and HTTP client, each node's verifier and store,
   * the ledger's blob operations). A failure here is only reported: the network may still work.
   */
  private static void warmUp(Running running, PrintWriter err) {
    long t0 = System.nanoTime();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    byte[] blob = new byte[256 << 10];
    new java.util.Random().nextBytes(blob);
    try {
      URI daemon = running.daemon().uri();
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(daemon.resolve("/v1/blobs?epochs=1&deletable=true"))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).timeout(Duration.ofMinutes(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() != 200) {
        throw new IOException("PUT answered " + put.statusCode() + ": " + put.body());
      }
      JsonNode object = JSON.readTree(put.body()).path("newlyCreated").path("blobObject");
      HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(daemon.resolve("/v1/blobs/"
          + object.path("blobId").asString())).timeout(Duration.ofMinutes(1)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (get.statusCode() != 200 || !Arrays.equals(get.body(), blob)) {
        throw new IOException("GET answered " + get.statusCode() + " with " + get.body().length + " bytes");
      }
      running.client().delete(ObjectId.parse(object.path("id").asString()));
      note(err, String.format("a first test store and read through the daemon took %.1f s",
          (System.nanoTime() - t0) / 1e9));
    } catch (IOException | RuntimeException e) {
      note(err, "warning: a first test store through the daemon failed (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The wallet, the client configuration, the daemon, the Walrus Sites portal and the explorer. */
  private record Running(Ed25519KeyPair wallet, Path walletFile, Path clientConfig, LedgerClient ledger,
      WalrusClient client, DaemonServer daemon, PortalServer portal, ExplorerServer explorer) implements AutoCloseable {
    @Override
    public void close() {
      explorer.close();
      portal.close();
      daemon.close();
      client.close();
      ledger.close();
    }
  }

  private Running startClients(LocalNetwork network, Path home, InetSocketAddress daemonAt, boolean fund) throws Exception {
    Path walletFile = home.resolve("wallet.key");
    Ed25519KeyPair wallet;
    if (Files.exists(walletFile)) {
      wallet = WalletFile.read(walletFile);
    } else {
      wallet = Ed25519KeyPair.generate();
      WalletFile.write(walletFile, wallet, false);
      fund = true;
    }
    if (fund) {
      network.fund(wallet, WALLET_WAL);
    }
    Path clientConfig = home.resolve("client_config.yaml");
    LedgerClient ledger = network.ledgerClient();
    WalrusClient client = WalrusClient.builder().ledgerClient(ledger).wallet(wallet).build();
    DaemonServer daemon;
    try {
      daemon = DaemonServer.start(DaemonSettings.builder().services(true, true)
          .bindAddress(daemonAt).metricsAddress(parseAddress(metricsAddress))
          .maxBodyBytes(maxBodyKib == null ? null : maxBodyKib * 1024)
          .build(), client, ledger, wallet);
    } catch (IOException e) {
      client.close();
      ledger.close();
      throw new CliException("the daemon cannot listen on " + daemonAddress + " (" + e.getMessage()
          + " or metrics on " + metricsAddress + "); is another daemon running? Use --daemon-address HOST:PORT "
          + "and --metrics-address HOST:PORT", e);
    }
    // Written once the daemon listens, so the aggregator URL (port 0: the one chosen) is known.
    Files.writeString(clientConfig, "# written by walrus local: the ledger of the local network, its wallet and"
        + " its aggregator\nledgerUrls: [" + network.ledgerUrl() + "]\nwallet: wallet.key\naggregatorUrls: ["
        + daemon.uri() + "]\n");
    PortalServer portal;
    try {
      portal = PortalServer.start(PortalSettings.defaults(parseAddress(portalAddress), List.of(daemon.uri())),
          new LedgerSiteDirectory(ledger));
    } catch (IOException e) {
      daemon.close();
      client.close();
      ledger.close();
      throw new CliException("the Walrus Sites portal cannot listen on " + portalAddress + " (" + e.getMessage()
          + "); is another portal running? Use --portal-address HOST:PORT (port 0 for any)", e);
    }
    ExplorerServer explorer;
    try {
      explorer = ExplorerServer.start(ExplorerSettings.defaults(parseAddress(explorerAddress),
          Optional.of(daemon.uri())), ledger);
    } catch (IOException e) {
      portal.close();
      daemon.close();
      client.close();
      ledger.close();
      throw new CliException("the explorer cannot listen on " + explorerAddress + " (" + e.getMessage()
          + "); is another explorer running? Use --explorer-address HOST:PORT (port 0 for any)", e);
    }
    return new Running(wallet, walletFile, clientConfig, ledger, client, daemon, portal, explorer);
  }

  private static LocalState state(LocalNetwork network, Path home, Running running) throws IOException {
    CommitteeView committee;
    try (LedgerClient ledger = network.ledgerClient()) {
      committee = ledger.committee();
    }
    List<LocalState.Node> nodes = new ArrayList<>();
    for (LocalNetwork.NodeSpec spec : network.nodes()) {
      NodeConfig config = NodeConfig.load(spec.directory().resolve("node.yaml"));
      Optional<CommitteeView.Member> member = committee.members().stream()
          .filter(m -> m.publicKey().equals(spec.protocolKey().publicKey())).findFirst();
      Long pid = network.runningNode(spec.index()).filter(ProcessNodes.Running.class::isInstance)
          .map(r -> ((ProcessNodes.Running) r).pid()).orElse(null);
      nodes.add(new LocalState.Node(spec.index(), spec.name(), spec.address(), pid,
          member.map(m -> m.nodeId().toString()).orElse(null), member.map(CommitteeView.Member::shards).orElse(List.of()),
          spec.directory().toString(), spec.directory().resolve("node.yaml").toString(),
          config.protocolKeyFile().toString(), config.networkKeyFile().toString(), config.walletFile().toString(),
          spec.directory().resolve("node.log").toString()));
    }
    return new LocalState(ProcessHandle.current().pid(), home.toString(), network.ledgerUrl(),
        home.resolve("ledger.yaml").toString(), running.daemon().uri().toString(), running.portal().uri().toString(),
        running.explorer().uri().toString(), running.clientConfig().toString(),
        running.walletFile().toString(), network.nShards(), network.epochDuration().toMillis(), nodes);
  }

  private void printUsage(LocalState state) {
    PrintWriter o = out();
    String d = state.daemonUrl();
    Path found = ClientConfig.find();
    boolean isDefault = found != null && found.toAbsolutePath().equals(Path.of(state.clientConfig()));
    String config = isDefault ? "" : " --config " + state.clientConfig();
    o.println(terminal().success() + " a Walrus network runs on this machine: " + state.nodes().size()
        + " storage nodes, " + state.nShards() + " shards, epochs of " + Duration.ofMillis(state.epochDurationMs())
        .toString().substring(2).toLowerCase());
    o.println();
    o.println("  ledger              " + state.ledgerUrl());
    o.println("  publisher/aggregator " + d + "   (API description: " + d + "/v1/api)");
    o.println("  Walrus Sites portal " + state.portalUrl() + "   (sites at http://<base36 site ID>.localhost:"
        + URI.create(state.portalUrl()).getPort() + "/)");
    o.println("  explorer            " + state.explorerUrl() + "   (the network, nodes, blobs, events; JSON under /api)");
    o.println("  state               " + Path.of(state.directory()).resolve(LocalState.FILE) + "   (ports, PIDs, keys, logs)");
    o.println();
    o.println("Try it, in another terminal:");
    o.println();
    o.println("  echo 'Hello, Walrus' > hello.txt");
    o.println("  curl -X PUT \"" + d + "/v1/blobs?epochs=5\" --upload-file hello.txt");
    o.println("  curl \"" + d + "/v1/blobs/<blobId from the answer>\"");
    o.println();
    o.println("  ./walrus store hello.txt --epochs 5" + config);
    o.println("  ./walrus read <blobId> --out copy.txt" + config);
    o.println("  ./walrus info" + config);
    o.println("  ./walrus challenges" + config + "        (storage challenges: the epoch's window, seed, verdicts)");
    o.println();
    o.println("Ctrl-C stops the network; running './walrus local' again resumes it (--fresh starts anew).");
    o.flush();
  }

  private static Optional<LocalState> readState(Path home) {
    try {
      return LocalState.read(home);
    } catch (IOException e) {
      throw new CliException(e.getMessage() + " (use --fresh to start anew)", e);
    }
  }

  private void refuseIfRunning(LocalState state) {
    if (state.pid() != null && state.pid() != ProcessHandle.current().pid()
        && ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)
        && ProcessHandle.of(state.pid()).flatMap(p -> p.info().commandLine()).map(c -> c.contains(" local")).orElse(false)) {
      throw new CliException("a local network already runs from " + state.directory() + " (process " + state.pid()
          + "); stop it first (Ctrl-C in its terminal, or kill " + state.pid() + ")");
    }
  }

  /** Node processes of a run that was killed (SIGKILL) outlive it; they hold the ports and stores. */
  private static void killLeftoverNodes(LocalState state) {
    for (LocalState.Node n : state.nodes()) {
      if (n.pid() == null) {
        continue;
      }
      ProcessHandle.of(n.pid())
          .filter(p -> p.info().commandLine().map(c -> c.contains("NodeMain") && c.contains(n.config())).orElse(false))
          .ifPresent(p -> {
            p.destroy();
            p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
              p.destroyForcibly();
              return p;
            }).join();
          });
    }
  }

  /** {@code HOST:PORT}; port 0 picks a free port (the state file tells which). */
  private static InetSocketAddress parseAddress(String text) {
    int colon = text.lastIndexOf(':');
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (colon > 0 && port >= 0 && port <= 65535) {
        return new InetSocketAddress(text.substring(0, colon), port);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CliException("'" + text + "' is not HOST:PORT");
  }

  private static void note(PrintWriter err, String text) {
    err.println("walrus local: " + text);
    err.flush();
  }
}
