package dev.walrus.cli.local;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
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
import java.util.TreeMap;

/**
 * A whole network on one machine: an embedded single-replica ledger and {@code n} storage nodes
 * that register, stake and form the committee of epoch 1. How nodes run (separate processes for
 * {@code walrus local} and the end-to-end tests, or in this JVM) is the {@link NodeLauncher}'s
 * business; everything else — keys, funding, registration — is the same.
 */
public final class LocalNetwork implements AutoCloseable {
  private static final long WAL = GenesisConfig.FROST_PER_WAL;

  /** One node of the network: its keys, address and ledger identity. */
  public record NodeSpec(int index, String name, int port, BlsKeyPair protocolKey, Ed25519KeyPair wallet, Path directory) {
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
   */
  public static LocalNetwork start(Path dir, int nodes, int nShards, Duration epochDuration, NodeLauncher launcher)
      throws Exception {
    Files.createDirectories(dir);
    // Nodes must register before the committee of epoch 1 is selected, half-way through epoch 0.
    // The clock starts before the ledger does; on a loaded machine (2 cores shared by builds) the
    // ledger's start and 4 nodes' registrations took more than 10 s.
    Duration epochZero = Duration.ofSeconds(Math.max(30, 4L * nodes));
    GenesisConfig genesis = new GenesisConfig("local", System.currentTimeMillis(), nShards, epochZero.toMillis(),
        epochDuration.toMillis(), 53, Math.max(nodes, 4), 0, true, 1_000_000 * WAL,
        Address.of(Blake2b256.digest("walrus-java/faucet/local".getBytes(StandardCharsets.UTF_8))), new TreeMap<>());
    Path genesisFile = dir.resolve("genesis.yaml");
    ConfigFiles.write(genesisFile, genesis);
    int apiPort = freePort();
    ReplicaConfig config = ReplicaConfig.single(dir.resolve("ledger"), genesisFile, "127.0.0.1", apiPort, freePort());
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
      for (int i = 0; i < nodes; i++) {
        register(client, 5_000);
      }
      for (NodeSpec spec : specs) {
        running.add(launcher.launch(spec, ledgerUrl));
      }
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

  /** Creates, funds, registers and stakes the next node (it joins the committee at a later selection). */
  private NodeSpec register(LedgerClient client, long stakeWal) throws IOException {
    int i = specs.size();
    NodeSpec spec = new NodeSpec(i, "node-" + i, freePort(), BlsKeyPair.generate(), Ed25519KeyPair.generate(),
        dir.resolve("node-" + i));
    specs.add(spec);
    ok(client.execute(spec.wallet(), new Operation.RequestFaucet(stakeWal * 2 * WAL)));
    int epoch = client.system().epochInfo().currentEpoch();
    BlsSignature pop = ProofOfPossession.create(spec.protocolKey(), epoch, spec.wallet().publicKey().toAddress());
    byte[] networkKey = new byte[33];
    networkKey[0] = 2;
    TransactionEffects registered = ok(client.execute(spec.wallet(), new Operation.RegisterCandidate(spec.name(),
        spec.address(), spec.protocolKey().publicKey(), networkKey, pop, 0, 100_000, 20_000, 1L << 40)));
    LedgerEvent.StakingPoolCreated pool = registered.events().stream().map(EventEnvelope::event)
        .filter(LedgerEvent.StakingPoolCreated.class::isInstance).map(LedgerEvent.StakingPoolCreated.class::cast)
        .findFirst().orElseThrow();
    ok(client.execute(spec.wallet(), new Operation.StakeWithPool(pool.nodeId(), stakeWal * WAL)));
    return spec;
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
    try (LedgerClient client = ledgerClient()) {
      long left = wal;
      while (left > 0) {
        long amount = Math.min(left, 1_000_000);
        ok(client.execute(key, new Operation.RequestFaucet(amount * WAL)));
        left -= amount;
      }
    }
    return key;
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
