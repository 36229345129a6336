package dev.walrus.node;

import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.challenge.ChallengeService;
import dev.walrus.node.challenge.ChallengeSettings;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.committee.CommitteeService;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.client.Blocklist;
import dev.walrus.node.events.EventApplier;
import dev.walrus.node.events.EventFollower;
import dev.walrus.node.gc.GarbageCollector;
import dev.walrus.node.ledger.NodeLedger;
import dev.walrus.node.server.NodeApi;
import dev.walrus.node.server.NodeHttpServer;
import dev.walrus.node.service.ClientTraffic;
import dev.walrus.node.service.ConfirmationService;
import dev.walrus.node.service.HealthService;
import dev.walrus.node.service.IngestBudget;
import dev.walrus.node.service.SliverVerification;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.service.ShardGate;
import dev.walrus.node.service.ShardSyncService;
import dev.walrus.node.service.StatusService;
import dev.walrus.node.service.SymbolService;
import dev.walrus.node.service.UploadService;
import dev.walrus.node.service.Waiters;
import dev.walrus.node.state.BlobStates;
import dev.walrus.node.store.GroupCommitter;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.sync.BlobSyncer;
import dev.walrus.node.sync.LostSliverRepair;
import dev.walrus.node.sync.Invalidator;
import dev.walrus.node.sync.Peers;
import dev.walrus.node.sync.RecoveryBudget;
import dev.walrus.node.sync.ShardMover;
import dev.walrus.node.sync.SliverFetcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node: opens its store, loads the committee, starts the API, follows the ledger's events
 * and runs recovery and shard hand-over in the background. {@link #close()} stops it in the
 * reverse order, so nothing is half-written.
 */
public final class StorageNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);
  private static final int COMMIT_GROUP_WRITES = 512;
  private static final long COMMIT_GROUP_BYTES = 64L << 20;
  private static final int COMMIT_QUEUE = 4096;
  /** How often deleted slivers' space is looked for (only after deletions). */
  private static final long RECLAIM_SECONDS = 60;

  private final NodeSettings settings;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final NodeStore store;
  private final LedgerClient ledger;
  private final StorageNodeClients peerClients;
  private final CommitteeService committees;
  private final EventFollower follower;
  private final BlobSyncer syncer;
  private final LostSliverRepair lostSlivers;
  private final ShardMover mover;
  private final GarbageCollector collector;
  private final RecoveryBudget budget;
  private final ChallengeService challenges;
  private final NodeHttpServer server;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("committee-refresh").factory());
  private final ScheduledExecutorService reclaimer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("space-reclaimer").factory());
  private final SliverVerification verification;
  private final GroupCommitter committer;

  private StorageNode(NodeSettings settings) throws IOException {
    this.settings = settings;
    this.store = NodeStore.open(settings.dataDirectory().resolve("db"), settings.store());
    this.ledger = LedgerClient.builder(settings.ledgerUrls().stream().map(URI::create).toList())
        .replicaKeys(settings.ledgerKeys()).build();
    this.peerClients = StorageNodeClients.create();
    this.committees = new CommitteeService(ledger, settings.protocolKey().publicKey());
    BlobStates blobs = new BlobStates(store);
    NodeContext node = new NodeContext(settings.protocolKey(), store, blobs, committees,
        Blocklist.load(settings.blocklistFile(), Duration.ofSeconds(1)));
    ShardGate gate = new ShardGate(node);
    Waiters waiters = new Waiters();
    this.verification = new SliverVerification(Runtime.getRuntime().availableProcessors());
    this.committer = new GroupCommitter(store, COMMIT_GROUP_WRITES, COMMIT_GROUP_BYTES, COMMIT_QUEUE);
    UploadService uploads = new UploadService(node, gate, metrics, verification, committer,
        new IngestBudget(ingestBudgetBytes(), UploadService.INGEST_TIMEOUT_MILLIS));
    SymbolService symbols = new SymbolService(node, uploads, Math.max(2, Runtime.getRuntime().availableProcessors()));
    NodeLedger nodeLedger = new NodeLedger(ledger, settings.wallet());
    Peers peers = new Peers(peerClients);
    SliverFetcher fetcher = new SliverFetcher(peers);
    Invalidator invalidator = new Invalidator(node, peers, symbols, nodeLedger);
    ClientTraffic traffic = new ClientTraffic();
    this.budget = new RecoveryBudget(traffic, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 2, metrics);
    this.syncer = new BlobSyncer(node, fetcher, symbols, budget, settings.maxConcurrentBlobSyncs(),
        settings.blobSyncDelay(), invalidator::invalidate, metrics);
    this.lostSlivers = new LostSliverRepair(node, syncer, metrics);
    store.onLostSliver(lostSlivers::report);
    this.mover = new ShardMover(node, committees, gate, peers, fetcher, syncer, nodeLedger, budget);
    EventApplier applier = new EventApplier(store, blobs);
    this.collector = new GarbageCollector(store, blobs, applier, settings.protocolKey().publicKey().bytes(),
        settings.gcMaxDelay(), id -> {
          syncer.cancel(id);
          symbols.forget(id);
        }, metrics);
    this.follower = new EventFollower(ledger, applier, effects -> {
      effects.registered().ifPresent(id -> {
        uploads.flushPending(id);
        waiters.wake(id);
      });
      effects.toSync().ifPresent(syncer::schedule);
      effects.dropped().ifPresent(id -> {
        syncer.cancel(id);
        symbols.forget(id);
      });
      effects.epochChangeStart().ifPresent(e -> {
        mover.onEpochChangeStart(e);
        collector.onEpochChangeStart(e);
      });
      effects.epochChangeDone().ifPresent(e -> committees.refresh());
    }, metrics);
    HealthService health = new HealthService(node, gate, follower::cursor, follower::pending);
    this.challenges = new ChallengeService(node, nodeLedger, ledger, peers, fetcher, syncer, mover::syncedEpoch,
        ChallengeSettings.fromSystemProperties(), metrics);
    NodeApi api = new NodeApi(node, uploads, new ConfirmationService(node, waiters, uploads::flushPending), symbols, new StatusService(node),
        new ShardSyncService(node), () -> health.health(false), () -> health.health(true), openApi(), challenges);
    this.server = NodeHttpServer.create(api, settings.listenHost(), settings.listenPort(), settings.tls().serverContext(), metrics,
        traffic);
    Gauge.builder("walrus.node.shards.stored", store, s -> s.shards().size()).register(metrics);
    Gauge.builder("walrus.node.blocklist.size", node.blocklist(), Blocklist::size)
        .description("blob IDs this node refuses to serve").register(metrics);
  }

  /** Opens and starts a node; it serves once the committee is loaded from the ledger. */
  public static StorageNode start(NodeSettings settings) throws Exception {
    // Every sliver a node takes is verified by the vector codec: get it compiled while the node
    // starts, not on the first client's time (see KernelWarmup).
    VectorizationProvider.startWarmup();
    StorageNode node = new StorageNode(settings);
    try {
      node.begin();
    } catch (Exception e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void begin() throws Exception {
    awaitCommittee();
    checkRegisteredNetworkKey();
    server.start();
    LOG.info("storage node '{}' serving on {}://{}:{} (data in {})", settings.name(), server.scheme(),
        settings.listenHost(), server.port(), settings.dataDirectory());
    refresher.scheduleWithFixedDelay(committees::refresh, 5, 5, TimeUnit.SECONDS);
    reclaimer.scheduleWithFixedDelay(this::reclaimSpace, RECLAIM_SECONDS, RECLAIM_SECONDS, TimeUnit.SECONDS);
    budget.warmUpInBackground();
    syncer.resume();
    lostSlivers.start();
    mover.resume();
    collector.resume();
    follower.start();
    challenges.start();
  }

  private void awaitCommittee() throws InterruptedException {
    Duration pause = Duration.ofMillis(200);
    while (true) {
      try {
        committees.refresh();
        return;
      } catch (RuntimeException e) {
        LOG.warn("waiting for the ledger at {}: {}", settings.ledgerUrls(), e.getMessage());
        Thread.sleep(pause);
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : pause.multipliedBy(2);
      }
    }
  }

  /**
   * Warns when the network key this node serves TLS with is not the one registered for it on the
   * ledger: clients and peers pin the registered key, so they would refuse every connection.
   */
  private void checkRegisteredNetworkKey() {
    Committees c = committees.get();
    c.selfIn(c.current()).ifPresent(self -> {
      byte[] registered = self.networkPublicKey();
      byte[] served = settings.tls().networkKey().publicKeyBytes();
      if (registered != null && !java.util.Arrays.equals(registered, served)) {
        LOG.error("this node's network key ({}) is not the one registered for it on the ledger ({}): clients and"
            + " peers pin the registered key and will refuse this node; use the registered key file, or register"
            + " this key", java.util.Base64.getEncoder().encodeToString(served),
            java.util.Base64.getEncoder().encodeToString(registered));
      }
    });
  }

  /** Frees the segment space of slivers deleted since the last pass (garbage collection, invalidation). */
  private void reclaimSpace() {
    try {
      store.reclaimSpaceIfDeleted();
    } catch (RuntimeException e) {
      LOG.warn("reclaiming the space of deleted slivers failed: {}", e.toString());
    }
  }

  /**
   * A quarter of the heap for upload bodies in flight, between 64 MiB (more than the largest
   * sliver at n = 1000) and 512 MiB.
   */
  private static long ingestBudgetBytes() {
    return Math.clamp(Runtime.getRuntime().maxMemory() / 4, 64L << 20, 512L << 20);
  }

  public int port() {
    return server.port();
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  private static byte[] openApi() throws IOException {
    try (InputStream in = StorageNode.class.getResourceAsStream("storage-node-openapi.json")) {
      if (in == null) {
        throw new IOException("storage-node-openapi.json is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    reclaimer.shutdownNow();
    challenges.close();
    follower.close();
    collector.close();
    mover.close();
    lostSlivers.close();
    syncer.close();
    budget.close();
    server.close();
    committer.close();
    verification.close();
    peerClients.close();
    ledger.close();
    store.close();
    LOG.info("storage node '{}' stopped", settings.name());
  }
}
