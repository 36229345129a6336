package dev.walrus.local;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.replication.ConfigFiles;
import dev.walrus.ledger.replication.ReplicaConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A whole network on one machine: an embedded single-replica ledger and {@code n} storage nodes
 * that register, stake and form the committee of epoch 1. How nodes run (separate processes for
 * {@code walrus local} and the end-to-end tests, or in this JVM) is the {@link NodeLauncher}'s
 * business; everything else — keys, funding, registration — is the same.
 */
public final class LocalNetwork implements AutoCloseable {
  private static final long WAL = GenesisConfig.FROST_PER_WAL;
  /** The embedded ledger replica's configuration, under the network's directory. */
  static final String LEDGER_CONFIG = "ledger.yaml";
  private static final String NODE_DIRECTORY_PREFIX = "node-";

  /** One node of the network: its keys (the network key is its TLS identity), address and ledger identity. */
  public record NodeSpec(int index, String name, int port, BlsKeyPair protocolKey, NetworkKeyPair networkKey,
      Ed25519KeyPair wallet, Path directory) {
    public String address() {
      return "127.0.0.1:" + port;
    }
  }

  /** Starts and stops node {@code spec} given the ledger's URL. */
  public interface NodeLauncher {
    RunningNode launch(NodeSpec spec, String ledgerUrl) throws Exception;
  }

  /** A started node. */
  public interface RunningNode extends AutoCloseable {
    /** Stops the node gracefully. */
    @Override
    void close();

    /** Stops the node abruptly (SIGKILL for a process). */
    default void kill() {
      close();
    }
  }

  private final Path dir;
  private final int nShards;
  private final Duration epochDuration;
  private final LedgerReplica ledger;
  private final String ledgerUrl;
  private final List<NodeSpec> specs = new ArrayList<>();
  private final List<RunningNode> running = new ArrayList<>();
  private final NodeLauncher launcher;

  private LocalNetwork(Path dir, int nShards, Duration epochDuration, LedgerReplica ledger, String ledgerUrl,
      NodeLauncher launcher) {
    this.dir = dir;
    this.nShards = nShards;
    this.epochDuration = epochDuration;
    this.ledger = ledger;
    this.ledgerUrl = ledgerUrl;
    this.launcher = launcher;
  }

  /**
   * Starts the ledger, registers and stakes {@code nodes} nodes during epoch 0, launches them and
   * waits until epoch 1 has started and every node reported its shards in sync.
   *
   * <p>Every node must be registered before the committee of epoch 1 is selected, half-way
   * through epoch 0. Epoch 0 lasts {@code max(12 s, 2 s per node)}; on a machine too busy to
   * register them in that time the network is started afresh (the directory emptied first) with
   * an epoch 0 twice as long, up to three times.
   */
  public static LocalNetwork start(Path dir, int nodes, int nShards, Duration epochDuration, NodeLauncher launcher)
      throws Exception {
    return start(dir, nodes, nShards, epochDuration, launcher, Optional.empty());
  }

  /** As above, on a network that runs storage challenges with {@code challenges} (spec/challenges.md). */
  public static LocalNetwork start(Path dir, int nodes, int nShards, Duration epochDuration, NodeLauncher launcher,
      Optional<ChallengeConfig> challenges) throws Exception {
    Duration epochZero = Duration.ofSeconds(Math.max(20, 3L * nodes));
    for (int attempt = 1; ; attempt++) {
      try {
        return start(dir, nodes, nShards, epochZero, epochDuration, launcher, challenges);
      } catch (EpochZeroTooShort e) {
        if (attempt == 3) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        // The failed attempt's network is closed: start over in the same place, so that the
        // directory holds one network (walrus local resumes from it).
        deleteTree(dir);
        epochZero = epochZero.multipliedBy(2);
      }
    }
  }

  /** The nodes could not all be registered before the committee of epoch 1 was selected. */
  private static final class EpochZeroTooShort extends Exception {
    EpochZeroTooShort(Throwable cause) {
      super("the nodes were not all registered before the committee of epoch 1 was selected", cause);
    }
  }

  private static LocalNetwork start(Path dir, int nodes, int nShards, Duration epochZero, Duration epochDuration,
      NodeLauncher launcher, Optional<ChallengeConfig> challenges) throws Exception {
    Files.createDirectories(dir);
    GenesisConfig genesis = new GenesisConfig("local", System.currentTimeMillis(), nShards, epochZero.toMillis(),
        epochDuration.toMillis(), 53, Math.max(nodes, 4), 0, true, 1_000_000 * WAL,
        Address.of(Blake2b256.digest("walrus-java/faucet/local".getBytes(StandardCharsets.UTF_8))), new TreeMap<>(), challenges);
    Path genesisFile = dir.resolve("genesis.yaml");
    ConfigFiles.write(genesisFile, genesis);
    int apiPort = freePort();
    ReplicaConfig config = ReplicaConfig.single(dir.resolve("ledger"), genesisFile, "127.0.0.1", apiPort, freePort());
    ConfigFiles.write(dir.resolve(LEDGER_CONFIG), config);
    LedgerReplica replica = LedgerReplica.start(config, genesis);
    LocalNetwork network = new LocalNetwork(dir, nShards, epochDuration, replica, "http://127.0.0.1:" + apiPort, launcher);
    try {
      network.bootstrap(nodes);
    } catch (Exception e) {
      network.close();
      throw e;
    }
    return network;
  }

  private void bootstrap(int nodes) throws Exception {
    try (LedgerClient client = ledgerClient()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (client.status().leaderId() == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the ledger elected no leader");
        }
        Thread.sleep(100);
      }
      try {
        for (int i = 0; i < nodes; i++) {
          register(client, 5_000);
        }
      } catch (IllegalStateException e) {
        throw committeeSelected(client) ? new EpochZeroTooShort(e) : e;
      }
      if (committeeSelected(client)) {
        throw new EpochZeroTooShort(null);
      }
      launchAll();
      deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (client.committee().members().size() < nodes
          || !client.system().epochInfo().epochState().equals("EpochChangeDone")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("epoch 1 did not complete: " + client.system().epochInfo());
        }
        Thread.sleep(200);
      }
    }
  }

  /** Whether the committee of epoch 1 has been selected (so a node registered now would miss it). */
  private static boolean committeeSelected(LedgerClient client) {
    SystemInfoView.EpochInfo epoch = client.system().epochInfo();
    return epoch.currentEpoch() > 0 || !epoch.epochState().equals("EpochChangeDone");
  }

  /** Creates, funds, registers and stakes the next node (it joins the committee at a later selection). */
  private NodeSpec register(LedgerClient client, long stakeWal) throws IOException {
    int i = specs.size();
    NodeSpec spec = new NodeSpec(i, NODE_DIRECTORY_PREFIX + i, freePort(), BlsKeyPair.generate(),
        NetworkKeyPair.generate(), Ed25519KeyPair.generate(), dir.resolve(NODE_DIRECTORY_PREFIX + i));
    specs.add(spec);
    registerAndStake(client, spec, spec.address(), stakeWal);
    return spec;
  }

  /**
   * Funds {@code spec}'s wallet from the faucet, registers it as a candidate reachable at {@code
   * address} with its protocol and network keys, and stakes {@code stakeWal} WAL with its pool, as
   * an operator does with {@code walrus get-wal}, {@code node register} and {@code stake}.
   */
  public static void registerAndStake(LedgerClient client, NodeSpec spec, String address, long stakeWal) {
    ok(client.execute(spec.wallet(), new Operation.RequestFaucet(stakeWal * 2 * WAL)));
    int epoch = client.system().epochInfo().currentEpoch();
    BlsSignature pop = ProofOfPossession.create(spec.protocolKey(), epoch, spec.wallet().publicKey().toAddress());
    TransactionEffects registered = ok(client.execute(spec.wallet(), new Operation.RegisterCandidate(spec.name(),
        address, spec.protocolKey().publicKey(), spec.networkKey().publicKeyBytes(), pop, 0, 100_000, 20_000,
        1L << 40)));
    LedgerEvent.StakingPoolCreated pool = registered.events().stream().map(EventEnvelope::event)
        .filter(LedgerEvent.StakingPoolCreated.class::isInstance).map(LedgerEvent.StakingPoolCreated.class::cast)
        .findFirst().orElseThrow();
    ok(client.execute(spec.wallet(), new Operation.StakeWithPool(pool.nodeId(), stakeWal * WAL)));
  }

  /**
   * Starts a network that {@link #start} created in {@code dir} before (and that was stopped since):
   * the ledger replica from its log and snapshots, every node from its directory, with the same
   * ports and keys. Nothing is registered again; the ledger's clock has moved on meanwhile, so
   * epochs that ended while the network was down are over.
   *
   * @param nodeSpec reads node {@code i}'s spec back from its directory (the launcher wrote it)
   */
  public static LocalNetwork resume(Path dir, NodeLauncher launcher, NodeSpecReader nodeSpec) throws Exception {
    Path configFile = dir.resolve(LEDGER_CONFIG);
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalStateException(dir + " holds no local network (" + LEDGER_CONFIG + " is missing)");
    }
    ReplicaConfig config = ReplicaConfig.load(configFile);
    GenesisConfig genesis = ConfigFiles.readGenesis(config.genesisPath());
    LedgerReplica replica = LedgerReplica.start(config, genesis);
    LocalNetwork network = new LocalNetwork(dir, genesis.nShards(), Duration.ofMillis(genesis.epochDurationMs()),
        replica, config.self().apiUrl(), launcher);
    try {
      for (int i = 0; Files.isDirectory(dir.resolve(NODE_DIRECTORY_PREFIX + i)); i++) {
        network.specs.add(nodeSpec.read(i, dir.resolve(NODE_DIRECTORY_PREFIX + i)));
      }
      network.launchAll();
    } catch (Exception e) {
      network.close();
      throw e;
    }
    return network;
  }

  /** Reads back the spec of a node a launcher set up in {@code directory}. */
  public interface NodeSpecReader {
    NodeSpec read(int index, Path directory) throws IOException;
  }

  /** Launches every node at once (each start is mostly JVM start-up and waiting for the ledger). */
  private void launchAll() throws Exception {
    List<java.util.concurrent.Future<RunningNode>> started = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (NodeSpec spec : specs) {
        started.add(pool.submit(() -> launcher.launch(spec, ledgerUrl)));
      }
    }
    Exception failure = null;
    for (var f : started) {
      try {
        running.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        running.add(null);
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  public Path directory() {
    return dir;
  }

  /** Whether node {@code i} is running (not stopped with {@link #stopNode}). */
  public boolean isRunning(int i) {
    return running.get(i) != null;
  }

  /** The running node {@code i}, e.g. to read a process ID; empty when stopped. */
  public java.util.Optional<RunningNode> runningNode(int i) {
    return java.util.Optional.ofNullable(running.get(i));
  }

  /**
   * Adds a node while the network runs: registered and staked now, started at once; it gets
   * shards at the next committee selection and pulls them from their previous owners.
   */
  public NodeSpec addNode(long stakeWal) throws Exception {
    NodeSpec spec;
    try (LedgerClient client = ledgerClient()) {
      spec = register(client, stakeWal);
    }
    running.add(launcher.launch(spec, ledgerUrl));
    return spec;
  }

  /** A funded wallet for a client. */
  public Ed25519KeyPair fundedWallet(long wal) {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    fund(key, wal);
    return key;
  }

  /** Gives {@code key}'s account {@code wal} WAL from the local faucet. */
  public void fund(Ed25519KeyPair key, long wal) {
    try (LedgerClient client = ledgerClient()) {
      fund(client, key, wal);
    }
  }

  /** Gives {@code key}'s account {@code wal} WAL from the faucet of {@code client}'s ledger. */
  public static void fund(LedgerClient client, Ed25519KeyPair key, long wal) {
    long left = wal;
    while (left > 0) {
      long amount = Math.min(left, 1_000_000);
      ok(client.execute(key, new Operation.RequestFaucet(amount * WAL)));
      left -= amount;
    }
  }

  public LedgerClient ledgerClient() {
    return LedgerClient.builder(List.of(URI.create(ledgerUrl))).build();
  }

  public String ledgerUrl() {
    return ledgerUrl;
  }

  public List<NodeSpec> nodes() {
    return List.copyOf(specs);
  }

  public int nShards() {
    return nShards;
  }

  public Duration epochDuration() {
    return epochDuration;
  }

  /** Stops node {@code i} gracefully (or with SIGKILL). */
  public void stopNode(int i, boolean kill) {
    RunningNode node = running.get(i);
    if (node != null) {
      if (kill) {
        node.kill();
      } else {
        node.close();
      }
      running.set(i, null);
    }
  }

  public void restartNode(int i) throws Exception {
    if (running.get(i) != null) {
      throw new IllegalStateException("node " + i + " is running");
    }
    running.set(i, launcher.launch(specs.get(i), ledgerUrl));
  }

  private static TransactionEffects ok(TransactionEffects e) {
    if (!e.succeeded()) {
      throw new IllegalStateException("set-up transaction failed: " + e.status() + " " + e.abort() + " " + e.rejection());
    }
    return e;
  }

  /** Deletes {@code root} and everything under it, if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }


  @Override
  public void close() {
    for (RunningNode node : running) {
      if (node != null) {
        node.close();
      }
    }
    running.clear();
    ledger.close();
  }
}
