package dev.walrus.bench;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PrivateKey;
import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.EventSubscription;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.ledger.replication.ConfigFiles;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.local.testbed.DelayProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end ledger throughput and event latency: starts {@code --replicas} ledger replicas as
 * separate processes on loopback, submits WAL transfers over HTTP from {@code --senders} accounts
 * (one transaction in flight per account, spread over all replicas, which forward to the leader),
 * and measures committed transactions per second, submission-to-effects latency and
 * submission-to-event latency as seen by a Server-Sent-Events subscriber.
 *
 * <pre>
 * java -cp walrus-bench/target/benchmarks.jar dev.walrus.bench.LedgerBenchmark --replicas 4
 * </pre>
 *
 * Options: {@code --replicas N} (1), {@code --senders S} (256), {@code --transactions T} (20000),
 * {@code --warmup W} (5000), {@code --target all|leader} (all), {@code --replica-heap MB} (512),
 * {@code --replica-options "JVM options"} (none, e.g. to profile with JFR),
 * {@code --workload transfers|blobs} (transfers). With {@code blobs} (see {@link BlobWorkload})
 * {@code T} and {@code W} count blobs of {@code --blob-size} bytes (1 MiB), each stored with
 * {@code --blob-transactions 2} (reserve and register in one batch transaction, then certify: what
 * a client does) or {@code 3} (reserve, register, certify, one transaction each). With {@code
 * --delay-ms D} every replica binds {@code 127.0.1.i} and is reached (by its peers and by the
 * benchmark) at {@code 127.0.2.i} through the testbed's {@link DelayProxy}, which holds every
 * chunk D ms in each direction: a wide-area network between the replicas, on loopback.
 */
public final class LedgerBenchmark {
  private final int replicas;
  private final int senders;
  private final int transactions;
  private final int warmup;
  private final boolean leaderOnly;
  private final int heapMb;
  private final List<String> replicaOptions;
  private final BlobWorkload blobs;
  /** Transactions per unit of work: 1 per transfer, 2 or 3 per blob. */
  private final int unit;
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
  private long[] eventLatencyNanos = new long[0];
  private long genesisTimeMs;
  private final AtomicLong eventsSeen = new AtomicLong();
  private final long delayMs;
  private DelayProxy proxy;

  private LedgerBenchmark(BenchArgs args) throws IOException {
    this.replicas = args.getInt("replicas", 1);
    this.senders = args.getInt("senders", 256);
    this.transactions = args.getInt("transactions", 20000);
    this.warmup = args.getInt("warmup", 5000);
    this.leaderOnly = args.get("target", "all").equals("leader");
    this.heapMb = args.getInt("replica-heap", 512);
    String options = args.get("replica-options", "").trim();
    this.replicaOptions = options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    String workload = args.get("workload", "transfers");
    this.blobs = switch (workload) {
      case "transfers" -> null;
      case "blobs" -> new BlobWorkload(args.getLong("blob-size", 1048576), args.getInt("blob-transactions", 2));
      default -> throw new IllegalArgumentException("--workload is transfers or blobs, not " + workload);
    };
    this.unit = blobs == null ? 1 : blobs.transactionsPerBlob();
    this.dir = Files.createTempDirectory("ledger-bench");
    this.delayMs = args.getLong("delay-ms", 0);
  }

  public static void main(String[] argv) throws Exception {
    LedgerBenchmark b = new LedgerBenchmark(BenchArgs.parse(argv, Set.of("replicas", "senders", "transactions",
        "warmup", "target", "replica-heap", "replica-options", "workload", "blob-size", "blob-transactions",
        "delay-ms")));
    int status = 1;
    try {
      b.run();
      status = 0;
    } catch (Exception e) {
      e.printStackTrace();
    } finally {
      b.stop();
      // A failed run must not leave the JVM (and the benchmark lock) held by HTTP client threads.
      System.exit(status);
    }
  }

  static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = (byte) (i >> 8);
    seed[2] = (byte) (i >> 16);
    seed[31] = 42;
    return Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(seed));
  }

  @SuppressWarnings("try") // the subscription runs for the duration of the block
  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "ledger benchmark: %d replica(s), %d senders, %d %s (+%d warm-up), submitting to %s%n",
        replicas, senders, transactions, blobs == null ? "transfers" : "blobs", warmup,
        leaderOnly ? "the leader" : "all replicas");
    long allowance = blobs == null ? 0 : BlobWorkload.START_ALLOWANCE_MS;
    List<ReplicaConfig.Peer> peers = startReplicas(allowance);
    String leader = awaitLeader(peers);
    // The blob workload needs its nodes registered in epoch 0: if starting the replicas took
    // longer than genesis lay ahead, start afresh with more room (a busy machine starts JVMs slowly).
    for (int attempt = 1; blobs != null && System.currentTimeMillis() > genesisTimeMs && attempt < 3; attempt++) {
      allowance *= 3;
      System.out.printf(Locale.ROOT, "the replicas took longer to start than genesis lay ahead; again with %d s%n",
          allowance / 1000);
      stopReplicas();
      peers = startReplicas(allowance);
      leader = awaitLeader(peers);
    }
    List<URI> urls = peers.stream().map(p -> URI.create(p.apiUrl())).toList();
    try (LedgerClient any = LedgerClient.builder(urls).build()) {
      List<LedgerClient> targets = new ArrayList<>();
      for (ReplicaConfig.Peer p : peers) {
        if (!leaderOnly || p.id().equals(leader)) {
          targets.add(LedgerClient.builder(List.of(URI.create(p.apiUrl()))).maxConnections(senders)
              .submitTimeout(Duration.ofSeconds(60)).build());
        }
      }
      byte[] network = any.network();
      int perSender = (warmup + transactions + senders - 1) / senders;
      int warmPerSender = unit * Math.max(1, warmup / senders);
      List<List<SignedTransaction>> plans;
      if (blobs == null) {
        plans = sign(network, perSender);
      } else {
        blobs.setUp(any);
        long t0 = System.nanoTime();
        plans = blobs.sign(network, senders, perSender);
        System.out.printf(Locale.ROOT, "signed %d blobs' transactions and certificates in %.1f s%n",
            senders * perSender, (System.nanoTime() - t0) / 1e9);
      }
      Phase warm = submit(targets, plans, 0, warmPerSender);
      System.out.printf(Locale.ROOT, "warm-up: %d transactions in %.1f s%n", warm.count, warm.seconds());
      long cursor = any.status().nextEventSequence();
      eventLatencyNanos = new long[senders * (unit * perSender - warmPerSender)];
      try (EventSubscription sub = any.subscribe(cursor, this::onEvent)) {
        Usage before = usage(peers);
        Phase measured = submit(targets, plans, warmPerSender, unit * perSender);
        Usage after = usage(peers);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (eventsSeen.get() < measured.count && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        report(measured, any.status());
        reportUsage(peers, before, after, measured.count() / unit);
      }
      for (LedgerClient c : targets) {
        c.close();
      }
    }
  }

  private void onEvent(EventEnvelope e) {
    Long start = submittedAt.remove(HexFormat.of().formatHex(e.txDigest()));
    if (start != null) {
      long n = eventsSeen.getAndIncrement();
      if (n < eventLatencyNanos.length) {
        eventLatencyNanos[(int) n] = System.nanoTime() - start;
      }
    }
  }

  /** Sender {@code s} transfers 1 FROST per transaction to the next sender, sequence 0, 1, … */
  private List<List<SignedTransaction>> sign(byte[] network, int perSender) {
    List<List<SignedTransaction>> plans = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      Ed25519KeyPair k = key(s);
      Address to = key((s + 1) % senders).publicKey().toAddress();
      List<SignedTransaction> plan = new ArrayList<>(perSender);
      for (int q = 0; q < perSender; q++) {
        plan.add(new Transaction(network, k.publicKey(), q, 0, new Operation.Transfer(to, 1)).sign(k));
      }
      plans.add(plan);
    }
    return plans;
  }

  record Phase(int count, long nanos, long[] effectLatencies, int failures) {
    double seconds() {
      return nanos / 1e9;
    }
  }

  /** Every sender submits its transactions {@code [from, to)} one after the other, all senders at once. */
  private Phase submit(List<LedgerClient> targets, List<List<SignedTransaction>> plans, int from, int to)
      throws InterruptedException {
    int count = senders * (to - from);
    long[] latencies = new long[count];
    AtomicLong next = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(senders);
    long start = System.nanoTime();
    for (int s = 0; s < senders; s++) {
      LedgerClient client = targets.get(s % targets.size());
      List<SignedTransaction> plan = plans.get(s);
      Thread.ofVirtual().start(() -> {
        try {
          for (int q = from; q < to; q++) {
            SignedTransaction tx = plan.get(q);
            long t0 = System.nanoTime();
            submittedAt.put(HexFormat.of().formatHex(tx.transaction().digest()), t0);
            try {
              TransactionEffects e = client.submit(tx);
              if (e.status() != TransactionEffects.Status.SUCCESS) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e.status() + ": " + e.rejection());
              }
            } catch (LedgerClientException ex) {
              failures.incrementAndGet();
              firstFailure.compareAndSet(null, ex.getMessage());
            }
            latencies[(int) next.getAndIncrement()] = System.nanoTime() - t0;
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    long nanos = System.nanoTime() - start;
    if (failures.get() > 0) {
      System.out.println("failed submissions: " + failures.get() + " (first: " + firstFailure.get() + ")");
    }
    return new Phase(count, nanos, latencies, (int) failures.get());
  }

  private void report(Phase p, StatusView status) {
    Percentiles effects = new Percentiles(p.effectLatencies());
    int seen = (int) Math.min(eventsSeen.get(), eventLatencyNanos.length);
    Percentiles events = new Percentiles(Arrays.copyOf(eventLatencyNanos, seen));
    System.out.printf(Locale.ROOT, "committed: %d transactions in %.2f s = %.0f tx/s (%d failed)%n",
        p.count(), p.seconds(), p.count() / p.seconds(), p.failures());
    if (blobs != null) {
      System.out.printf(Locale.ROOT, "stored: %d blobs (reserve + register + certify in " + unit + " transactions) = %.0f blobs/s%n",
          p.count() / unit, p.count() / unit / p.seconds());
    }
    System.out.printf(Locale.ROOT, "submission -> effects: p50 %.1f ms, p99 %.1f ms%n", effects.ms(0.50), effects.ms(0.99));
    System.out.printf(Locale.ROOT, "submission -> event at a subscriber: p50 %.1f ms, p99 %.1f ms (%d events)%n",
        events.ms(0.50), events.ms(0.99), seen);
    System.out.printf(Locale.ROOT, "ledger height %d, %d events, leader %s%n", status.height(), status.nextEventSequence(),
        status.leaderId());
  }

  // ---- where the time went ---------------------------------------------------------------------

  /** CPU time of this process and each replica, and each replica's metrics, at one moment. */
  private record Usage(Duration client, List<Duration> replicas, List<String> metrics) {}

  private Usage usage(List<ReplicaConfig.Peer> peers) throws InterruptedException {
    List<Duration> cpu = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      cpu.add(processes.get(i).info().totalCpuDuration().orElse(Duration.ZERO));
      try (NodeMetrics m = NodeMetrics.ofLedger(URI.create(peers.get(i).apiUrl()).getAuthority())) {
        metrics.add(m.scrape());
      } catch (IOException e) {
        metrics.add("");
      }
    }
    return new Usage(ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO), cpu, metrics);
  }

  /**
   * CPU seconds each process used during the measured phase, and from the replicas' metrics: the
   * leader's blocks (size, time checking, waiting for the pipeline, committing) and every
   * replica's time applying blocks.
   */
  private void reportUsage(List<ReplicaConfig.Peer> peers, Usage before, Usage after, int units) {
    double total = after.client().minus(before.client()).toNanos() / 1e9;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "CPU during the run: client %.1f s", total));
    for (int i = 0; i < peers.size(); i++) {
      double s = after.replicas().get(i).minus(before.replicas().get(i)).toNanos() / 1e9;
      total += s;
      line.append(String.format(Locale.ROOT, ", %s %.1f s", peers.get(i).id(), s));
    }
    System.out.println(line.append(String.format(Locale.ROOT, "; %.2f ms of CPU per %s", 1000 * total / units,
        blobs == null ? "transfer" : "blob")));
    for (int i = 0; i < peers.size(); i++) {
      String b = before.metrics().get(i);
      String a = after.metrics().get(i);
      double blocks = delta(a, b, "ledger_proposer_block_transactions_count");
      double applied = delta(a, b, "ledger_block_apply_seconds_count");
      StringBuilder r = new StringBuilder(peers.get(i).id() + ":");
      if (blocks > 0) {
        r.append(String.format(Locale.ROOT, " proposed %.0f blocks of %.1f transactions; per block: check %.1f ms,"
                + " wait for the pipeline %.1f ms, commit %.1f ms;", blocks,
            delta(a, b, "ledger_proposer_block_transactions_sum") / blocks,
            1000 * delta(a, b, "ledger_proposer_block_check_seconds_sum") / blocks,
            1000 * delta(a, b, "ledger_proposer_block_wait_seconds_sum") / blocks,
            1000 * delta(a, b, "ledger_proposer_block_commit_seconds_sum") / blocks));
      }
      if (applied > 0) {
        r.append(String.format(Locale.ROOT, " applied %.0f blocks, %.1f ms each", applied,
            1000 * delta(a, b, "ledger_block_apply_seconds_sum") / applied));
      }
      System.out.println(r);
    }
  }

  private static double delta(String after, String before, String name) {
    return NodeMetrics.value(after, name) - NodeMetrics.value(before, name);
  }

  // ---- the replicas ---------------------------------------------------------------------------

  /** Starts the replicas of a fresh network whose genesis lies {@code allowanceMs} ahead. */
  private List<ReplicaConfig.Peer> startReplicas(long allowanceMs) throws Exception {
    TreeMap<Address, Long> allocations = new TreeMap<>();
    for (int s = 0; s < senders; s++) {
      allocations.put(key(s).publicKey().toAddress(), 1_000_000 * GenesisConfig.FROST_PER_WAL);
    }
    // The blob workload's nodes register in epoch 0, which ends 20 s after genesis. Genesis lies
    // far enough ahead for four replica JVMs to start on a busy machine (ledger time stands still
    // until then), so that epoch 0 does not end before the nodes could register.
    genesisTimeMs = System.currentTimeMillis() + allowanceMs;
    if (blobs != null) {
      BlobWorkload.addOperators(allocations);
    }
    GenesisConfig genesis = new GenesisConfig("bench", genesisTimeMs, blobs == null ? 10 : BlobWorkload.N_SHARDS,
        blobs == null ? 3_600_000 : 20_000, 3_600_000, 53, 150, 0, false, 0, key(1 << 20).publicKey().toAddress(), allocations);
    ConfigFiles.write(dir.resolve("genesis.yaml"), genesis);
    List<ReplicaConfig.Peer> peers = new ArrayList<>();
    List<DelayProxy.Route> routes = new ArrayList<>();
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
    for (int i = 1; i <= replicas; i++) {
      int raft = freePort();
      int api = freePort();
      String host = delayMs > 0 ? "127.0.2." + i : "127.0.0.1";
      peers.add(new ReplicaConfig.Peer("r" + i, host + ":" + raft, "http://" + host + ":" + api));
      for (int port : new int[] {raft, api}) {
        routes.add(new DelayProxy.Route(new InetSocketAddress(host, port), new InetSocketAddress("127.0.1." + i, port)));
      }
    }
    if (delayMs > 0) {
      Path control = dir.resolve("latency.txt");
      DelayProxy.writeConditions(control, new DelayProxy.Conditions(delayMs, 0));
      proxy = DelayProxy.start(routes, control);
      System.out.printf(Locale.ROOT, "replicas behind a delay proxy: %d ms each way between every two of them%n", delayMs);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (ReplicaConfig.Peer p : peers) {
      Path config = dir.resolve(p.id() + ".yaml");
      ReplicaConfig.ApiConfig bind = delayMs > 0 ? new ReplicaConfig.ApiConfig("127.0.1." + p.id().substring(1), 0, 0, 0)
          : null;
      ConfigFiles.write(config, new ReplicaConfig(p.id(), "data-" + genesisTimeMs + "/" + p.id(), "genesis.yaml", peers, bind, null, null, null));
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heapMb + "m", "--add-modules", "jdk.incubator.vector",
          "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
      command.addAll(replicaOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerReplica.class.getName(), "--config", config.toString()));
      processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(p.id() + ".log").toFile()).start());
    }
    return peers;
  }

  private String awaitLeader(List<ReplicaConfig.Peer> peers) throws InterruptedException {
    try (LedgerClient client = LedgerClient.builder(peers.stream().map(p -> URI.create(p.apiUrl())).toList()).build()) {
      return awaitLeader(client);
    }
  }

  private String awaitLeader(LedgerClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        StatusView s = client.status();
        if (s.leaderId() != null) {
          Thread.sleep(1000);
          return client.status().leaderId();
        }
      } catch (LedgerClientException e) {
        // Not up yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no leader after 180 s; see the logs in " + dir);
  }

  private void stop() throws InterruptedException {
    stopReplicas();
    if (proxy != null) {
      proxy.close();
    }
    System.out.println("replica logs and data: " + dir);
  }

  private void stopReplicas() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      p.waitFor();
    }
    processes.clear();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
