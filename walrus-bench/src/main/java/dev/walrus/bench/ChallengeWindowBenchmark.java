package dev.walrus.bench;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.challenge.ChallengeItems;
import dev.walrus.core.challenge.ChallengeResponse;
import dev.walrus.core.challenge.ItemCheck;
import dev.walrus.core.challenge.ItemOutcome;
import dev.walrus.core.challenge.ItemProof;
import dev.walrus.core.challenge.ItemSpec;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverPairMetadata;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The prover's and the challenger's work in one challenge window (spec/challenges.md §5.3, §12
 * "Performance"), for one node of a committee of {@code --nodes} equal nodes on {@code --shards}
 * shards with {@code --k} challenged blobs and {@code --tau} items per shard.
 *
 * <p>The items are the real ones: derived with the real PRF for every (challenger, this node)
 * pair, giving the number of items and of distinct (blob, shard) pairs whose slivers the prover
 * must expand. The unit costs are measured on real code at each symbol size — expanding a primary
 * and a secondary sliver of that size, building an item's proof, checking one — on {@code
 * --samples} repetitions after warm-up, and the window's totals are those costs times the counts
 * (a full window at 65 534-byte symbols would expand about 1.5 TB of slivers). Single thread;
 * reading the slivers from disk is not included.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx6g -cp walrus-bench/target/benchmarks.jar \
 *   dev.walrus.bench.ChallengeWindowBenchmark --shards 1000 --nodes 10 --k 656 --tau 32</pre>
 */
public final class ChallengeWindowBenchmark {
  private ChallengeWindowBenchmark() {}

  public static void main(String[] argv) {
    BenchArgs args = BenchArgs.parse(argv, Set.of("shards", "nodes", "k", "tau", "symbol-sizes", "samples", "epoch-hours"));
    int n = args.getInt("shards", 1000);
    int nodes = args.getInt("nodes", 10);
    int k = args.getInt("k", 656);
    int tau = args.getInt("tau", 32);
    int samples = args.getInt("samples", 5);
    long epochMs = Duration.ofHours(args.getLong("epoch-hours", 14 * 24)).toMillis();
    long windowMs = Math.min(epochMs / 5, Duration.ofHours(2).toMillis());
    VectorizationProvider.startWarmup();
    VectorizationProvider.awaitGfKernels();
    EncodingConfig config = EncodingConfig.forShards(n);
    Random random = new Random(7);

    List<ObjectId> ids = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      ids.add(ObjectId.of(b));
    }
    Collections.sort(ids);
    int per = n / nodes;
    List<int[]> shards = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      int[] s = new int[i == nodes - 1 ? n - per * i : per];
      for (int j = 0; j < s.length; j++) {
        s[j] = per * i + j;
      }
      shards.add(s);
    }
    List<BlobId> set = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      set.add(BlobId.of(b));
    }
    Collections.sort(set);
    byte[] seed = new byte[32];
    random.nextBytes(seed);

    // The items every other node asks node 0 for, derived as both sides derive them.
    ChallengeItems derive = new ChallengeItems(seed, set, n, tau);
    long start = System.nanoTime();
    List<ItemSpec> items = new ArrayList<>();
    for (int v = 1; v < nodes; v++) {
      items.addAll(derive.items(ids.get(0), shards.get(0), ids.get(v), shards.get(v)));
    }
    double deriveMs = (System.nanoTime() - start) / 1e6;
    Set<String> pairs = new HashSet<>();
    for (ItemSpec item : items) {
      pairs.add(item.blobId() + "/" + item.shard());
    }
    System.out.printf(Locale.ROOT, "n = %d shards, %d nodes (%d shards each), K = %d, tau = %d: one node proves %d items"
        + " to %d challengers, touching %d distinct (blob, shard) pairs, and checks as many of the others'; deriving"
        + " them took %.0f ms. Window W = %s.%n", n, nodes, per, k, tau, items.size(), nodes - 1, pairs.size(), deriveMs,
        Duration.ofMillis(windowMs));
    System.out.println("symbol B | expand pair ms | prove item us | check item us | bytes/item | prover s/window"
        + " | challenger s/window | MB per window | fits W/2");
    for (String ssText : args.get("symbol-sizes", "2,4490,65534").split(",")) {
      int ss = Integer.parseInt(ssText.trim());
      row(config, ss, items, pairs.size(), samples, windowMs, random);
    }
  }

  private static void row(EncodingConfig config, int ss, List<ItemSpec> items, int pairs, int samples, long windowMs,
      Random random) {
    int n = config.nShards();
    byte[] primary = new byte[config.primarySliverSize(ss)];
    byte[] secondary = new byte[config.secondarySliverSize(ss)];
    random.nextBytes(primary);
    random.nextBytes(secondary);
    ItemSpec first = items.getFirst();
    SliverData p = SliverData.of(SliverType.PRIMARY, first.pair(), ss, primary);
    SliverData s = SliverData.of(SliverType.SECONDARY, n - 1 - first.pair(), ss, secondary);
    ExpandedSliver ep = null;
    ExpandedSliver es = null;
    // Warm-up: at least 2 s (JIT) or 2 expansions, whichever is longer; then at least --samples
    // expansions and 2 s of them, so small symbols are timed over many repetitions.
    long t0 = System.nanoTime();
    for (int i = 0; i < 2 || System.nanoTime() - t0 < 2_000_000_000L; i++) {
      ep = ExpandedSliver.of(config, p);
      es = ExpandedSliver.of(config, s);
    }
    t0 = System.nanoTime();
    int done = 0;
    while (done < samples || System.nanoTime() - t0 < 2_000_000_000L) {
      ep = ExpandedSliver.of(config, p);
      es = ExpandedSliver.of(config, s);
      done++;
    }
    double expandMs = (System.nanoTime() - t0) / 1e6 / done;

    // Items of one (blob, pair) so the one expansion proves them all; metadata that commits to it.
    List<ItemSpec> same = new ArrayList<>();
    for (ItemSpec item : items.subList(0, Math.min(items.size(), 2_000))) {
      same.add(new ItemSpec(item.shard(), item.j(), first.blobId(), first.pair(), item.col(), item.row()));
    }
    List<SliverPairMetadata> hashes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      hashes.add(new SliverPairMetadata(ep.hash(), es.hash()));
    }
    BlobMetadata metadata = new BlobMetadata(EncodingType.RS2,
        (long) config.primarySymbols() * config.secondarySymbols() * ss, hashes);
    List<ItemProof> proofs = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      proofs.clear();
      t0 = System.nanoTime();
      for (ItemSpec item : same) {
        proofs.add(ItemProof.Proven.of(item, ep, es));
      }
    }
    double proveUs = (System.nanoTime() - t0) / 1e3 / same.size();
    long bytes = new ChallengeResponse(1, ObjectId.of(new byte[32]), ObjectId.of(new byte[32]), 0, items.size(), proofs)
        .toBcs().length;
    double bytesPerItem = (double) bytes / proofs.size();
    double checkUs = 0;
    for (int round = 0; round < 4; round++) {
      t0 = System.nanoTime();
      for (int i = 0; i < same.size(); i++) {
        if (ItemCheck.check(same.get(i), proofs.get(i), metadata, config, Optional.empty()) != ItemOutcome.OK) {
          throw new IllegalStateException("a proof failed its check");
        }
      }
      checkUs = (System.nanoTime() - t0) / 1e3 / same.size();
    }
    double proverS = (pairs * expandMs + items.size() * proveUs / 1e3) / 1e3;
    double challengerS = items.size() * checkUs / 1e6;
    double mb = items.size() * bytesPerItem / 1e6;
    boolean fits = Math.max(proverS, challengerS) * 1e3 <= windowMs / 2.0;
    System.out.printf(Locale.ROOT, "%8d | %14.2f | %13.1f | %13.1f | %10.0f | %15.1f | %19.1f | %13.1f | %s%n", ss,
        expandMs, proveUs, checkUs, bytesPerItem, proverS, challengerS, mb, fits ? "yes" : "NO");
  }
}
