package dev.walrus.bench;

import dev.walrus.cli.WalletFile;
import dev.walrus.local.LocalState;
import dev.walrus.core.BlobId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * End-to-end client benchmark on a running {@code walrus local}: for each size, stores a fresh
 * random blob and reads it back, through the SDK ({@link dev.walrus.client.WalrusClient} with the network's wallet,
 * in this JVM) and through the HTTP daemon ({@code PUT}/{@code GET /v1/blobs}, streamed from and
 * to files). Every read is checked byte for byte (SHA-256) before its time counts. Throughput is
 * blob bytes over wall time; then the latency of small (10 KiB) stores, as a user waits for them.
 *
 * <pre>
 * ./walrus local --dir /tmp/net &amp;
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp walrus-bench/target/benchmarks.jar dev.walrus.bench.ClientBenchmark --state /tmp/net/state.json
 * </pre>
 *
 * Options (defaults): {@code --state} the network's {@code state.json} (or its directory;
 * required), {@code --sizes} MiB (1,64,256), {@code --runs} per size and way (3), {@code --via}
 * sdk, http or both (both), {@code --small-runs} 10 KiB stores (20), {@code --epochs} (1),
 * {@code --warmup} untimed 16 MiB store-and-read rounds per way, so the JIT has compiled the codec
 * (1), {@code --dir} for the blob files (a new temporary directory, deleted afterwards).
 */
public final class ClientBenchmark {
  private static final Set<String> OPTIONS = Set.of("state", "sizes", "runs", "via", "small-runs", "epochs",
      "warmup", "dir");
  private static final long MIB = 1 << 20;
  private static final long SMALL_BLOB = 10 * 1024;
  private static final long WARMUP_BLOB = 16 * MIB;

  private final List<BlobTransport> transports;
  private final Path dir;
  private final int epochs;
  private final SplittableRandom random = new SplittableRandom();

  /** One way and blob size. */
  private record Case(String via, long size) {}

  /** The timings of one case, in nanoseconds. */
  private record Timings(List<Long> stores, List<Long> reads) {}

  private ClientBenchmark(List<BlobTransport> transports, Path dir, int epochs) {
    this.transports = transports;
    this.dir = dir;
    this.epochs = epochs;
  }

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv, OPTIONS);
    if (args.get("state", null) == null) {
      throw new IllegalArgumentException("--state DIR/state.json of a running walrus local is required");
    }
    Path statePath = Path.of(args.get("state", null));
    Path networkDir = Files.isDirectory(statePath) ? statePath : statePath.toAbsolutePath().getParent();
    LocalState state = LocalState.read(networkDir).orElseThrow(
        () -> new IllegalArgumentException("no " + LocalState.FILE + " in " + networkDir + ": is walrus local running there?"));
    if (state.pid() == null) {
      throw new IllegalArgumentException("the network in " + networkDir + " is stopped: start it with walrus local");
    }
    long[] sizes = Arrays.stream(args.get("sizes", "1,64,256").split(",")).mapToLong(s -> Long.parseLong(s.trim()) * MIB)
        .toArray();
    int runs = args.getInt("runs", 3);
    int smallRuns = args.getInt("small-runs", 20);
    int warmup = args.getInt("warmup", 1);
    String via = args.get("via", "both");
    if (!Set.of("sdk", "http", "both").contains(via)) {
      throw new IllegalArgumentException("--via is sdk, http or both, not " + via);
    }
    boolean tempDir = args.get("dir", null) == null;
    Path dir = tempDir ? Files.createTempDirectory("client-bench") : Files.createDirectories(Path.of(args.get("dir", null)));

    System.out.printf(Locale.ROOT, "client benchmark on %s: %d nodes, %d shards; ledger %s, daemon %s;"
            + " %d available processors, load average %.1f%n", networkDir, state.nodes().size(), state.nShards(),
        state.ledgerUrl(), state.daemonUrl(), Runtime.getRuntime().availableProcessors(), loadAverage());
    List<BlobTransport> transports = new ArrayList<>();
    try {
      if (!via.equals("http")) {
        transports.add(new SdkTransport(state.ledgerUrl(), WalletFile.read(Path.of(state.wallet()))));
      }
      if (!via.equals("sdk")) {
        if (state.daemonUrl() == null) {
          throw new IllegalArgumentException("the network in " + networkDir + " runs no daemon: use --via sdk");
        }
        transports.add(new DaemonTransport(state.daemonUrl()));
      }
      new ClientBenchmark(transports, dir, args.getInt("epochs", 1)).run(sizes, runs, smallRuns, warmup);
    } finally {
      for (BlobTransport t : transports) {
        t.close();
      }
      if (tempDir) {
        Files.deleteIfExists(dir);
      }
    }
  }

  private void run(long[] sizes, int runs, int smallRuns, int warmup) throws IOException {
    for (BlobTransport t : transports) {
      for (int i = 0; i < warmup; i++) {
        roundTrip(t, WARMUP_BLOB);
      }
    }
    Map<Case, Timings> results = new LinkedHashMap<>();
    for (long size : sizes) {
      for (int run = 1; run <= runs; run++) {
        // Ways alternate within a run, so load from other processes falls on both alike.
        for (BlobTransport t : transports) {
          long[] nanos = roundTrip(t, size);
          Timings timings = results.computeIfAbsent(new Case(t.name(), size),
              k -> new Timings(new ArrayList<>(), new ArrayList<>()));
          timings.stores().add(nanos[0]);
          timings.reads().add(nanos[1]);
          System.out.printf(Locale.ROOT, "%-4s %4d MiB run %d/%d: store %7.3f s %7.1f MB/s, read %7.3f s %7.1f MB/s,"
              + " SHA-256 matches%n", t.name(), size / MIB, run, runs, nanos[0] / 1e9, mbPerSecond(size, nanos[0]),
              nanos[1] / 1e9, mbPerSecond(size, nanos[1]));
        }
      }
    }
    Map<String, long[]> small = new LinkedHashMap<>();
    for (BlobTransport t : transports) {
      small.put(t.name(), smallStores(t, smallRuns));
    }
    summarise(results, small);
  }

  /** Stores a fresh random blob of {@code size} bytes, reads it back, checks it: the store and read times in ns. */
  private long[] roundTrip(BlobTransport t, long size) throws IOException {
    Path in = dir.resolve("blob-" + t.name() + ".in");
    Path out = dir.resolve("blob-" + t.name() + ".out");
    try {
      byte[] sha = BlobFiles.writeRandom(in, size, random);
      long t0 = System.nanoTime();
      BlobId blobId = t.store(in, epochs);
      long t1 = System.nanoTime();
      t.read(blobId, out);
      long t2 = System.nanoTime();
      byte[] back = BlobFiles.sha256(out);
      if (!MessageDigest.isEqual(sha, back)) {
        throw new IllegalStateException(t.name() + " read of " + blobId + " returned other bytes: SHA-256 "
            + HexFormat.of().formatHex(back) + ", stored " + HexFormat.of().formatHex(sha));
      }
      return new long[] {t1 - t0, t2 - t1};
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }

  /** The times of {@code count} stores of fresh 10 KiB blobs, in ns. */
  private long[] smallStores(BlobTransport t, int count) throws IOException {
    Path in = dir.resolve("small-" + t.name() + ".in");
    long[] nanos = new long[count];
    try {
      for (int i = 0; i < count; i++) {
        BlobFiles.writeRandom(in, SMALL_BLOB, random);
        long t0 = System.nanoTime();
        t.store(in, epochs);
        nanos[i] = System.nanoTime() - t0;
      }
    } finally {
      Files.deleteIfExists(in);
    }
    return nanos;
  }

  private static void summarise(Map<Case, Timings> results, Map<String, long[]> small) {
    System.out.printf(Locale.ROOT, "%nsummary (MB/s of the median run; best run; median latency), load average %.1f%n",
        loadAverage());
    results.forEach((c, t) -> System.out.printf(Locale.ROOT, "%-4s %4d MiB  store %s  read %s%n", c.via(),
        c.size() / MIB, line(c.size(), t.stores()), line(c.size(), t.reads())));
    for (Map.Entry<String, long[]> e : small.entrySet()) {
      Percentiles p = new Percentiles(e.getValue());
      System.out.printf(Locale.ROOT, "%-4s 10 KiB store: p50 %.0f ms, p90 %.0f ms, max %.0f ms over %d%n", e.getKey(),
          p.ms(0.5), p.ms(0.9), p.ms(1.0), p.count());
    }
  }

  private static String line(long size, List<Long> nanos) {
    Percentiles p = new Percentiles(nanos.stream().mapToLong(Long::longValue).toArray());
    long best = nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
    return String.format(Locale.ROOT, "%7.1f MB/s (best %7.1f), %7.3f s", size / 1e6 / (p.ms(0.5) / 1e3),
        mbPerSecond(size, best), p.ms(0.5) / 1e3);
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
