package dev.walrus.bench;

import dev.walrus.local.InProcessNodes;
import dev.walrus.local.LocalNetwork;
import dev.walrus.local.ProcessNodes;
import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Storage-node benchmarks on a real network on loopback: the embedded ledger and {@code --nodes}
 * storage nodes, each its own JVM by default ({@code --launcher process}, as a user runs them) or
 * all in this JVM ({@code --launcher in-process}). One workload per run:
 *
 * <ul>
 *   <li>{@code put} / {@code get}: sliver uploads to, and downloads from, one node at
 *       {@code --concurrency} requests in flight — MB/s of sliver bytes and per-request p50/p99
 *       ({@link SliverLoad});
 *   <li>{@code recovery}: blobs certified while one node is down; after its restart, the blobs it
 *       recovers per second ({@link RecoveryLoad});
 *   <li>{@code handover}: a node joins a network holding {@code --count} blobs; the time from the
 *       epoch change until it has pulled its shards ({@link HandoverLoad}).
 * </ul>
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp walrus-bench/target/benchmarks.jar dev.walrus.bench.NodeBenchmark --workload put
 * </pre>
 *
 * Options (defaults): {@code --nodes} (4), {@code --shards} (1000), {@code --blob-size} bytes
 * (put/get 1048576, recovery and handover 4096), {@code --count} blobs (put/get 64, recovery 300,
 * handover 1000), {@code --warmup} blobs put and read before measuring (put/get 16),
 * {@code --concurrency} requests or stores in flight (put/get 16, recovery and handover 8), {@code --launcher} (process),
 * {@code --node-heap} (1g), {@code --epoch-seconds} (handover 120, others 3600), {@code --dir}
 * (a new temporary directory; node logs are kept there).
 */
public final class NodeBenchmark {
  private static final Set<String> OPTIONS = Set.of("workload", "nodes", "shards", "blob-size", "count", "warmup",
      "concurrency", "launcher", "node-heap", "epoch-seconds", "dir");

  /** How long a workload may wait for the network to finish its part. */
  static final Duration LIMIT = Duration.ofMinutes(30);
  /** Blobs whose slivers are checked one by one after a recovery or hand-over. */
  static final int CHECKED_BLOBS = 3;

  /** What every workload is given. */
  record Load(LocalNetwork network, int blobSize, int count, int warmup, int concurrency) {}

  private NodeBenchmark() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv, OPTIONS);
    String workload = args.get("workload", "put");
    if (!Set.of("put", "get", "recovery", "handover").contains(workload)) {
      throw new IllegalArgumentException("--workload is put, get, recovery or handover, not " + workload);
    }
    boolean small = workload.equals("recovery") || workload.equals("handover");
    int nodes = args.getInt("nodes", 4);
    int shards = args.getInt("shards", 1000);
    int blobSize = args.getInt("blob-size", small ? 4096 : 1 << 20);
    int count = args.getInt("count", switch (workload) {
      case "recovery" -> 300;
      case "handover" -> 1000;
      default -> 64;
    });
    int warmup = args.getInt("warmup", small ? 0 : 16);
    int concurrency = args.getInt("concurrency", small ? 8 : 16);
    Duration epoch = Duration.ofSeconds(args.getInt("epoch-seconds", workload.equals("handover") ? 120 : 3600));
    String launcherName = args.get("launcher", "process");
    LocalNetwork.NodeLauncher launcher = switch (launcherName) {
      // Recovery starts as soon as a certification is seen: the benchmark restarts a node only
      // after every upload has finished, so there is no live upload to wait for.
      case "process" -> new ProcessNodes(Duration.ZERO, args.get("node-heap", "1g"));
      case "in-process" -> new InProcessNodes(Duration.ZERO);
      default -> throw new IllegalArgumentException("--launcher is process or in-process, not " + launcherName);
    };
    Path dir = args.get("dir", null) == null ? Files.createTempDirectory("node-bench") : Path.of(args.get("dir", null));

    System.out.printf(Locale.ROOT, "node benchmark %s: %d nodes (%s), %d shards, %d blobs of %d B (+%d warm-up),"
        + " concurrency %d, %d available processors; data and node logs in %s%n", workload, nodes, launcherName,
        shards, count, blobSize, warmup, concurrency, Runtime.getRuntime().availableProcessors(), dir);
    long t0 = System.nanoTime();
    try (LocalNetwork network = LocalNetwork.start(dir, nodes, shards, epoch, launcher)) {
      System.out.printf(Locale.ROOT, "network up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Load load = new Load(network, blobSize, count, warmup, concurrency);
      switch (workload) {
        case "put", "get" -> new SliverLoad(load).run(workload.equals("get"));
        case "recovery" -> new RecoveryLoad(load).run();
        case "handover" -> new HandoverLoad(load).run();
        default -> throw new AssertionError(workload);
      }
    }
  }

  /** The committee member that node {@code index} of the network registered as. */
  static Member member(LedgerClient ledger, LocalNetwork network, int index) {
    CommitteeView committee = ledger.committee();
    LocalNetwork.NodeSpec spec = network.nodes().get(index);
    return committee.members().stream().filter(m -> m.publicKey().equals(spec.protocolKey().publicKey()))
        .findFirst().orElseThrow(() -> new IllegalStateException(spec.name() + " is not in the committee"));
  }

  /**
   * Fails unless {@code node} stores both slivers of {@code shards} for every blob: a figure counts
   * only work that was really done.
   */
  static void requireStored(StorageNodeClient node, int nShards, List<Integer> shards, List<BlobId> blobs) {
    for (BlobId blobId : blobs) {
      for (int shard : shards) {
        int pair = blobId.pairForShard(shard, nShards);
        for (SliverType type : SliverType.values()) {
          if (node.sliverStatus(blobId, pair, type) != StoredOnNodeStatus.STORED) {
            throw new IllegalStateException(type.urlName() + " sliver " + pair + " of " + blobId + " is not stored");
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "checked: %d blobs hold both slivers of all %d shards on %s%n", blobs.size(),
        shards.size(), node.node());
  }

  static double mb(long bytes) {
    return bytes / 1e6;
  }
}
