package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node restarted after missing 1 000 blobs recovers them all while clients keep reading other
 * blobs — whole blobs through the network and slivers straight from the recovering node — with a
 * p99 latency under one second and no failed read: recovery gives way to the node's API requests.
 * The readers run from the first recovered blob to the last. CI-sized (4 node processes, 20
 * shards, 1 KiB blobs); the large cases are NodeBenchmark's.
 */
class RecoveryUnderLoadTest {
  private static final int SHARDS = 20;
  private static final int MISSED = 1000;
  private static final int READ_TARGETS = 20;
  private static final int WRITERS = 8;
  private static final long P99_LIMIT_NANOS = Duration.ofSeconds(1).toNanos();

  /** Kept after the run (under target/) so the node logs can be read when it fails. */
  private final Path dir = Path.of("target", "recovery-under-load-test-" + ProcessHandle.current().pid());

  @Test
  void aThousandMissedBlobsAreRecoveredWhileReadsOfOtherBlobsStayFast() throws Exception {
    try (LocalNetwork network = LocalNetwork.start(dir, 4, SHARDS, Duration.ofHours(1),
            new ProcessNodes(Duration.ZERO, "384m"));
        LedgerClient ledger = network.ledgerClient();
        StorageNodeClients clients = StorageNodeClients.create()) {
      Map<BlobId, byte[]> others = new ConcurrentHashMap<>();
      Ed25519KeyPair wallet = network.fundedWallet(100_000);
      for (int i = 0; i < READ_TARGETS; i++) {
        byte[] data = TestBlobs.random(3000, 1000 + i);
        others.put(TestBlobs.store(ledger, clients, wallet, data, false).blobId(), data);
      }
      Member recovering = member(ledger, network, 1);
      StorageNodeClient node = clients.forNode(recovering.networkAddress(), recovering.networkPublicKey());
      List<BlobId> targets = List.copyOf(others.keySet());
      // The same reads with no recovery running, for comparison in the output.
      Reads baseline = Reads.start(ledger, clients, node, recovering, targets, others);
      Thread.sleep(5000);
      baseline.stop();
      network.stopNode(1, false);
      List<BlobId> missed = storeMany(network, ledger, clients);

      network.restartNode(1);
      // The readers start once recovery runs: what comes before is the JVM starting (and compiling the
      // codec's kernels), which any restart costs, recovery or not.
      long start = System.nanoTime();
      double completed = 0;
      while (completed < 1) {
        assertThat(System.nanoTime() - start).as("recovery starts within 2 minutes").isLessThan(Duration.ofMinutes(2).toNanos());
        Thread.sleep(100);
        completed = metric(recovering, "walrus_node_blob_syncs_completed_total");
      }
      double startedAfter = (System.nanoTime() - start) / 1e9;
      Reads reads = Reads.start(ledger, clients, node, recovering, targets, others);
      int readsDuringRecovery = 0;
      while (completed < MISSED) {
        assertThat(System.nanoTime() - start).as("recovery of %d blobs within 5 minutes", MISSED)
            .isLessThan(Duration.ofMinutes(5).toNanos());
        Thread.sleep(200);
        completed = metric(recovering, "walrus_node_blob_syncs_completed_total");
        readsDuringRecovery = reads.blobReads.size() + reads.sliverReads.size();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      reads.stop();

      for (BlobId id : missed.subList(0, 50)) {
        for (int shard : recovering.shards()) {
          for (SliverType type : SliverType.values()) {
            assertThat(node.sliverStatus(id, id.pairForShard(shard, SHARDS), type)).isEqualTo(StoredOnNodeStatus.STORED);
          }
        }
      }
      System.out.printf("recovery started %.1f s after the restart; all %d blobs recovered after %.1f s; during"
          + " recovery %s; before it %s%n", startedAfter, MISSED, seconds, reads, baseline);
      assertThat(baseline.failures.get() + reads.failures.get()).isZero();
      assertThat(readsDuringRecovery).as("reads ran while the node recovered").isGreaterThan(10);
      assertThat(p99(reads.blobReads)).isLessThan(P99_LIMIT_NANOS);
      assertThat(p99(reads.sliverReads)).isLessThan(P99_LIMIT_NANOS);
    }
  }

  /**
   * Two readers of whole blobs (through the network) and one of slivers straight from {@code node},
   * each reading in a loop and recording latencies until stopped.
   */
  private static final class Reads {
    final long started = System.nanoTime();
    /** The slowest reads: when they started (ms after the readers did) and how long they took (ms). */
    final List<String> slow = Collections.synchronizedList(new ArrayList<>());
    final List<Long> blobReads = Collections.synchronizedList(new ArrayList<>());
    final List<Long> sliverReads = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    static Reads start(LedgerClient ledger, StorageNodeClients clients, StorageNodeClient node, Member member,
        List<BlobId> targets, Map<BlobId, byte[]> contents) {
      Reads r = new Reads();
      for (int i = 0; i < 2; i++) {
        r.threads.add(Thread.ofVirtual().start(() -> {
          while (!r.done.get()) {
            BlobId id = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
            long t0 = System.nanoTime();
            try {
              assertThat(TestBlobs.read(ledger, clients, id)).isEqualTo(contents.get(id));
              r.record(r.blobReads, t0, "blob");
            } catch (RuntimeException | AssertionError e) {
              r.failures.incrementAndGet();
            }
          }
        }));
      }
      r.threads.add(Thread.ofVirtual().start(() -> {
        while (!r.done.get()) {
          BlobId id = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
          int shard = member.shards().get(ThreadLocalRandom.current().nextInt(member.shards().size()));
          long t0 = System.nanoTime();
          try {
            node.sliver(id, id.pairForShard(shard, SHARDS), SliverType.PRIMARY);
            r.record(r.sliverReads, t0, "sliver");
          } catch (RuntimeException e) {
            r.failures.incrementAndGet();
          }
        }
      }));
      return r;
    }

    void record(List<Long> into, long t0, String what) {
      long took = System.nanoTime() - t0;
      into.add(took);
      if (took > P99_LIMIT_NANOS / 4 && slow.size() < 20) {
        slow.add(what + " at " + (t0 - started) / 1_000_000 + " ms took " + took / 1_000_000 + " ms");
      }
    }

    void stop() throws InterruptedException {
      done.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }

    @Override
    public String toString() {
      return String.format("%d blob reads (p50 %.0f ms, p99 %.0f ms), %d sliver reads from the recovering node"
          + " (p50 %.0f ms, p99 %.0f ms), %d failed; slow: %s", blobReads.size(), percentile(blobReads, 0.5) / 1e6,
          p99(blobReads) / 1e6, sliverReads.size(), percentile(sliverReads, 0.5) / 1e6, p99(sliverReads) / 1e6,
          failures.get(), slow);
    }
  }

  /** Stores {@link #MISSED} small blobs, {@link #WRITERS} at a time, each writer with its own wallet. */
  private static List<BlobId> storeMany(LocalNetwork network, LedgerClient ledger, StorageNodeClients clients)
      throws Exception {
    List<BlobId> out = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Ed25519KeyPair wallet = network.fundedWallet(100_000);
        writers.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < MISSED; ) {
            out.add(TestBlobs.store(ledger, clients, wallet, TestBlobs.random(1024, i), false).blobId());
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get();
      }
    }
    return List.copyOf(out);
  }

  private static long p99(List<Long> nanos) {
    return percentile(nanos, 0.99);
  }

  private static long percentile(List<Long> nanos, double q) {
    List<Long> sorted;
    synchronized (nanos) {
      sorted = new ArrayList<>(nanos);
    }
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(q * sorted.size()) - 1);
  }

  private static Member member(LedgerClient ledger, LocalNetwork network, int index) {
    var key = network.nodes().get(index).protocolKey().publicKey();
    return ledger.committee().members().stream().filter(m -> m.publicKey().equals(key)).findFirst().orElseThrow();
  }

  private static double metric(Member node, String name) throws Exception {
    {
      String body = NodeHttps.CLIENT.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(node) + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(l -> l.startsWith(name + " "))
          .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).findFirst().orElse(0);
    }
  }
}
