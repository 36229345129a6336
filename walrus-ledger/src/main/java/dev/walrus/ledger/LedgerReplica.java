package dev.walrus.ledger;

import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.replication.BlockProposer;
import dev.walrus.ledger.replication.ConfigFiles;
import dev.walrus.ledger.replication.EventLog;
import dev.walrus.ledger.replication.LedgerStateMachine;
import dev.walrus.ledger.replication.RaftGroupNode;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.Submitted;
import dev.walrus.ledger.replication.Submitter;
import dev.walrus.ledger.replication.TransactionTracker;
import dev.walrus.ledger.server.LedgerBackend;
import dev.walrus.ledger.server.LedgerHttpServer;
import dev.walrus.ledger.state.LedgerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ledger replica: the Raft group member with the ledger state machine, the block proposer
 * (active while this replica leads), and the HTTP API. Started from a configuration file ({@link
 * #main}, {@code walrus ledger run}) or embedded (a group of one for local use).
 */
public final class LedgerReplica implements LedgerBackend, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerReplica.class);
  /**
   * Ratis's shaded gRPC logs through java.util.logging, bypassing SLF4J, and announces transport
   * details at INFO on start: keep it to warnings (held here so the setting is not collected).
   */
  private static final java.util.logging.Logger GRPC_LOG = quiet("org.apache.ratis.thirdparty.io.grpc");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  private final ReplicaConfig config;
  private final GenesisConfig genesis;
  private final byte[] network;
  private final TransactionTracker tracker = new TransactionTracker(32_768, 200_000);
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LedgerStateMachine stateMachine;
  private final RaftGroupNode raft;
  private final HttpClient forwarding;
  private BlockProposer proposer;
  private Submitter submitter;
  private LedgerHttpServer http;
  private volatile long height;
  private volatile long nextEvent;

  private LedgerReplica(ReplicaConfig config, GenesisConfig genesis) throws IOException {
    this.config = config.validated();
    this.genesis = genesis;
    this.network = genesis.digest();
    this.stateMachine = new LedgerStateMachine(genesis, config.events(), tracker, metrics);
    this.raft = new RaftGroupNode(config, genesis, stateMachine);
    this.forwarding = ApiTls.forwardingClient(this.config);
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setName("ledger-forward");
    forwarding.setExecutor(pool);
    forwarding.setMaxConnectionsPerDestination(256);
    forwarding.setMaxRequestsQueuedPerDestination(1 << 16);
    forwarding.setConnectTimeout(2_000);
  }

  /** Starts a replica with {@code config}; {@code genesis} must be the group's. */
  public static LedgerReplica start(ReplicaConfig config, GenesisConfig genesis) throws Exception {
    LedgerReplica r = new LedgerReplica(config, genesis);
    try {
      r.startAll();
    } catch (Exception e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** Starts the replica a configuration file describes. */
  public static LedgerReplica start(Path configFile) throws Exception {
    ReplicaConfig config = ReplicaConfig.load(configFile);
    return start(config, ConfigFiles.readGenesis(config.genesisPath()));
  }

  private void startAll() throws Exception {
    Counter blocks = Counter.builder("ledger.blocks.applied").register(metrics);
    stateMachine.onBlock(b -> {
      height = b.height();
      blocks.increment();
      if (!b.events().isEmpty()) {
        nextEvent = b.events().get(b.events().size() - 1).sequence() + 1;
      }
      for (TransactionEffects e : b.effects()) {
        metrics.counter("ledger.transactions", "status", e.status().name()).increment();
      }
    });
    forwarding.start();
    raft.start();
    read(s -> {
      height = s.chain().height();
      nextEvent = s.chain().nextEventSequence();
      return null;
    });
    proposer = new BlockProposer(config.proposer(), raft::isLeaderReady, raft::propose,
        stateMachine.leaderChecks(), tracker, metrics);
    submitter = new Submitter(raft, proposer, tracker, config, forwarding);
    Gauge.builder("ledger.height", this, r -> r.height).register(metrics);
    Gauge.builder("ledger.events.next", this, r -> r.nextEvent).register(metrics);
    Gauge.builder("ledger.leader", this, r -> r.raft.isLeaderReady() ? 1 : 0).register(metrics);
    Gauge.builder("ledger.proposer.queued", this, r -> r.proposer.queued()).register(metrics);
    Gauge.builder("ledger.transactions.waiting", tracker, TransactionTracker::pendingCount).register(metrics);
    URI api = URI.create(config.self().apiUrl());
    String host = config.api().bindAddress() != null ? config.api().bindAddress() : api.getHost();
    http = new LedgerHttpServer(this, config.api(), host, api.getPort(), ApiTls.serverContext(config), metrics);
    http.start();
    LOG.info("ledger replica {} of network '{}' serving {} (Raft {})", config.replicaId(), genesis.networkName(),
        api, config.self().raftAddress());
  }

  /** The port the API listens on. */
  public int apiPort() {
    return http.port();
  }

  public ReplicaConfig config() {
    return config;
  }

  // ---- LedgerBackend ----------------------------------------------------------------------------

  @Override
  public String replicaId() {
    return config.replicaId();
  }

  @Override
  public Optional<String> leaderId() {
    return raft.leaderId();
  }

  @Override
  public String role() {
    return raft.role();
  }

  @Override
  public long lastAppliedIndex() {
    return raft.lastAppliedIndex();
  }

  @Override
  public GenesisConfig genesis() {
    return genesis;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public <T> T read(Function<LedgerState, T> reader) {
    return stateMachine.read(reader);
  }

  @Override
  public EventLog events() {
    return stateMachine.events();
  }

  @Override
  public Submitted submit(SignedTransaction tx, byte[] bcs, long timeoutMs, boolean forwarded) {
    return submitter.submit(tx, bcs, timeoutMs, forwarded);
  }

  @Override
  public Optional<TransactionEffects> recentTransaction(byte[] digest) {
    return tracker.recent(digest);
  }

  @Override
  public void close() {
    closeQuietly("HTTP server", http);
    closeQuietly("block proposer", proposer);
    closeQuietly("Raft server", raft);
    closeQuietly("forwarding client", forwarding::stop);
    closeQuietly("metrics", metrics::close);
  }

  private static void closeQuietly(String what, AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing the {}: {}", what, e.toString());
    }
  }

  /**
   * {@code java -cp … dev.walrus.ledger.LedgerReplica --config FILE}: runs one replica until the
   * process is stopped (SIGTERM or Ctrl-C close it cleanly).
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: LedgerReplica --config FILE");
      System.exit(2);
    }
    LedgerReplica replica;
    try {
      replica = start(Path.of(args[1]));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("Error: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      replica.close();
      stopped.countDown();
    }, "ledger-shutdown"));
    stopped.await();
  }
}
