package dev.walrus.bench;

import dev.walrus.local.LocalNetwork;
import dev.walrus.core.BlobId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.client.StorageNodeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sliver PUT and GET against one storage node, the way a client's upload and read reach it: blobs
 * are encoded here and registered on the ledger, their metadata is stored on the node, and then the
 * node's slivers of every blob (both axes of each shard it owns) are uploaded by
 * {@code concurrency} workers, then read back and compared. Only the sliver requests are timed;
 * throughput counts sliver bytes (not BCS framing or HTTP headers).
 */
final class SliverLoad {
  private final NodeBenchmark.Load load;
  private final LocalNetwork network;

  SliverLoad(NodeBenchmark.Load load) {
    this.load = load;
    this.network = load.network();
  }

  /** One sliver request: which blob, which pair, and the sliver itself. */
  private record Request(BlobId blobId, int pair, SliverData sliver) {}

  /** A blob ready for the node: its metadata and the node's slivers. */
  private record PreparedBlob(BlobId blobId, BlobMetadata metadata, byte[] rootHash, List<Request> requests) {}

  void run(boolean alsoGet) throws Exception {
    try (LedgerClient ledger = network.ledgerClient();
        StorageNodeClients clients = StorageNodeClients.builder().maxConnectionsPerNode(load.concurrency() + 4)
            .requestTimeout(Duration.ofSeconds(120)).build()) {
      Member target = NodeBenchmark.member(ledger, network, 0);
      StorageNodeClient node = clients.forNode(target.networkAddress(), target.networkPublicKey());
      EncodingConfig config = EncodingConfig.forShards(network.nShards());
      long t0 = System.nanoTime();
      List<PreparedBlob> blobs = new ArrayList<>();
      for (int i = 0; i < load.warmup() + load.count(); i++) {
        blobs.add(prepare(config, target, i));
      }
      System.out.printf(Locale.ROOT, "encoded %d blobs in %.1f s; %s owns %d of %d shards, %d slivers per blob%n",
          blobs.size(), (System.nanoTime() - t0) / 1e9, target.name(), target.shards().size(), network.nShards(),
          blobs.getFirst().requests().size());
      t0 = System.nanoTime();
      register(ledger, config, blobs);
      for (PreparedBlob b : blobs) {
        putMetadata(node, b);
      }
      System.out.printf(Locale.ROOT, "registered the blobs and stored their metadata on %s in %.1f s%n",
          target.networkAddress(), (System.nanoTime() - t0) / 1e9);

      NodeProcessStats stats = new NodeProcessStats(network, 0);
      List<Request> warm = blobs.subList(0, load.warmup()).stream().flatMap(b -> b.requests().stream()).toList();
      List<Request> measured = blobs.subList(load.warmup(), blobs.size()).stream().flatMap(b -> b.requests().stream()).toList();
      if (!warm.isEmpty()) {
        drive(warm, r -> node.putSliver(r.blobId(), r.pair(), r.sliver(), false));
        drive(warm, r -> check(r, node.sliver(r.blobId(), r.pair(), r.sliver().type())));
      }
      Optional<Duration> cpu0 = stats.cpu();
      Phase put = drive(measured, r -> node.putSliver(r.blobId(), r.pair(), r.sliver(), false));
      report("PUT", measured, put, cpu0, stats.cpu());
      reportDisk(stats, blobs);
      if (alsoGet) {
        cpu0 = stats.cpu();
        Phase get = drive(measured, r -> check(r, node.sliver(r.blobId(), r.pair(), r.sliver().type())));
        report("GET", measured, get, cpu0, stats.cpu());
      }
    }
  }

  private PreparedBlob prepare(EncodingConfig config, Member target, int seed) {
    byte[] data = new byte[load.blobSize()];
    new Random(seed).nextBytes(data);
    EncodedBlob encoded = new BlobEncoder(config).encode(data);
    BlobId blobId = encoded.blobId();
    int n = config.nShards();
    List<Request> requests = new ArrayList<>(2 * target.shards().size());
    for (int shard : target.shards()) {
      int pair = blobId.pairForShard(shard, n);
      requests.add(new Request(blobId, pair, encoded.primarySliver(pair)));
      requests.add(new Request(blobId, pair, encoded.secondarySliver(n - 1 - pair)));
    }
    return new PreparedBlob(blobId, encoded.metadata().metadata(), encoded.metadata().rootHash().bytes(), requests);
  }

  /** Reserve and register every blob, from several wallets at once (one wallet's transactions are sequential). */
  private void register(LedgerClient ledger, EncodingConfig config, List<PreparedBlob> blobs) throws Exception {
    int wallets = Math.min(8, blobs.size());
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < wallets; w++) {
        int first = w;
        Ed25519KeyPair wallet = network.fundedWallet(1_000_000);
        done.add(exec.submit(() -> {
          for (int i = first; i < blobs.size(); i += wallets) {
            PreparedBlob b = blobs.get(i);
            TransactionEffects reserved = ok(ledger.execute(wallet,
                new Operation.ReserveSpace(config.encodedLength(load.blobSize()), 2)));
            ok(ledger.execute(wallet, new Operation.RegisterBlob(reserved.created().getFirst(), b.blobId(),
                b.rootHash(), load.blobSize(), EncodingType.RS2.value(), false)));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  /** The node may not have followed the registration event yet: retry NOT_REGISTERED for a while. */
  private static void putMetadata(StorageNodeClient node, PreparedBlob b) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        node.putMetadata(b.blobId(), b.metadata(), false);
        return;
      } catch (StorageNodeException e) {
        if (!"NOT_REGISTERED".equals(e.reason()) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static void check(Request r, SliverData got) {
    if (!got.equals(r.sliver())) {
      throw new IllegalStateException("the node returned another sliver for " + r.blobId() + " pair " + r.pair());
    }
  }

  private interface Call {
    void run(Request r);
  }

  /** What a phase measured: per-request latencies, wall time, failures. */
  private record Phase(long[] latencies, long nanos, int failures, String firstFailure) {}

  /** Runs {@code call} for every request with {@code concurrency} workers taking the next request in turn. */
  private Phase drive(List<Request> requests, Call call) throws InterruptedException {
    long[] latencies = new long[requests.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < load.concurrency(); w++) {
      workers.add(Thread.ofVirtual().start(() -> {
        for (int i; (i = next.getAndIncrement()) < requests.size(); ) {
          long t = System.nanoTime();
          try {
            call.run(requests.get(i));
          } catch (RuntimeException e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e.toString());
          }
          latencies[i] = System.nanoTime() - t;
        }
      }));
    }
    for (Thread t : workers) {
      t.join();
    }
    return new Phase(latencies, System.nanoTime() - start, failures.get(), firstFailure.get());
  }

  private void report(String what, List<Request> requests, Phase p, Optional<Duration> cpuBefore,
      Optional<Duration> cpuAfter) {
    long bytes = requests.stream().mapToLong(r -> r.sliver().length()).sum();
    double seconds = p.nanos() / 1e9;
    Percentiles latency = new Percentiles(p.latencies());
    System.out.printf(Locale.ROOT, "%s: %d slivers, %.1f MB in %.2f s = %.1f MB/s, %.0f requests/s;"
        + " latency p50 %.2f ms, p99 %.2f ms; %d failed%s%n", what, requests.size(), NodeBenchmark.mb(bytes), seconds,
        NodeBenchmark.mb(bytes) / seconds, requests.size() / seconds, latency.ms(0.50), latency.ms(0.99), p.failures(),
        p.firstFailure() == null ? "" : " (first: " + p.firstFailure() + ")");
    if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
      double cpu = cpuAfter.get().minus(cpuBefore.get()).toNanos() / 1e9;
      System.out.printf(Locale.ROOT, "%s: the node used %.2f CPU-s = %.1f MB/s of slivers per node-core,"
          + " %.2f CPU-s per GiB of slivers (%.2f cores busy on average)%n", what, cpu, NodeBenchmark.mb(bytes) / cpu,
          cpu / (bytes / (double) (1L << 30)), cpu / seconds);
    }
  }

  /** The node's directory against the slivers it was sent (warm-up included), right after the uploads. */
  private static void reportDisk(NodeProcessStats stats, List<PreparedBlob> blobs) {
    long sliverBytes = blobs.stream().flatMap(b -> b.requests().stream()).mapToLong(r -> r.sliver().length()).sum();
    long[] disk = stats.diskBytes();
    System.out.printf(Locale.ROOT, "disk: the node's directory holds %.1f MB for %.1f MB of slivers (%.3f bytes per"
        + " sliver byte; segment files %.1f MB, everything else — metadata of %d blobs, RocksDB, logs — %.1f MB)%n",
        NodeBenchmark.mb(disk[0]), NodeBenchmark.mb(sliverBytes), disk[0] / (double) sliverBytes,
        NodeBenchmark.mb(disk[1]), blobs.size(), NodeBenchmark.mb(disk[0] - disk[1]));
  }

  static TransactionEffects ok(TransactionEffects e) {
    if (!e.succeeded()) {
      throw new IllegalStateException("ledger transaction failed: " + e.status() + " " + e.abort() + " " + e.rejection());
    }
    return e;
  }
}
