package dev.walrus.bench;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverRootHasher;
import dev.walrus.core.hash.Node;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a storage node spends checking one uploaded sliver against the metadata at n = 1000, one
 * thread, per sliver: the old way ({@link ExpandedSliver}: expand, build every tree level) and
 * {@link SliverRootHasher} alone and in batches of 16 slivers of one shape, as the node's
 * verification pool takes them from concurrent uploads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class SliverVerifyBenchmark {
  private static final int BATCH = 16;

  @Param({"1048576", "67108864"})
  public int blobBytes;

  @Param({"PRIMARY", "SECONDARY"})
  public SliverType type;

  private EncodingConfig config;
  private SliverData[] slivers;
  private byte[][] bcs;
  private int[] offsets;
  private SliverRootHasher hasher;
  private byte[] roots;

  @Setup
  public void setUp() {
    config = EncodingConfig.forShards(1000);
    byte[] blob = new byte[blobBytes];
    new Random(1).nextBytes(blob);
    EncodedBlob encoded = new BlobEncoder(config).encode(blob);
    slivers = new SliverData[BATCH];
    bcs = new byte[BATCH][];
    offsets = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      slivers[i] = type == SliverType.PRIMARY ? encoded.primarySliver(i * 7) : encoded.secondarySliver(i * 7);
      bcs[i] = slivers[i].toBcs();
      offsets[i] = bcs[i].length - 4 - slivers[i].length();
    }
    hasher = new SliverRootHasher(config);
    roots = new byte[BATCH * Node.LENGTH];
  }

  /** Per sliver: {@code ExpandedSliver.of(…).hash()}, as the node verified before. */
  @Benchmark
  public Node expandedSliver() {
    return ExpandedSliver.of(config, slivers[0]).hash();
  }

  /** Per sliver, one at a time. */
  @Benchmark
  public byte[] rootHasherOne() {
    hasher.roots(type, slivers[0].symbolSize(), 1, bcs, offsets, roots);
    return roots;
  }

  /** Per batch of 16: divide by 16 for the cost per sliver. */
  @Benchmark
  public byte[] rootHasherBatchOf16() {
    hasher.roots(type, slivers[0].symbolSize(), BATCH, bcs, offsets, roots);
    return roots;
  }
}
