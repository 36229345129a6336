package dev.walrus.bench;

import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverSubsetEncoder;
import dev.walrus.core.internal.vectorization.KernelReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The CPU of whole-blob recovery at n = 1000 for a node owning {@code ownedShards} shards: after
 * decoding the blob it must produce its own slivers and check them against the metadata. {@code
 * ownSlivers} encodes only those ({@link SliverSubsetEncoder}); {@code wholeEncoding} is what
 * recovery did before, the whole encoding with its metadata (and so every hash of the blob).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Benchmark)
public class OwnSliversBenchmark {
  @Param({"4096", "67108864"})
  public int blobBytes;

  @Param({"250"})
  public int ownedShards;

  private EncodingConfig config;
  private byte[] blob;
  private List<Integer> primary;
  private List<Integer> secondary;
  private SliverSubsetEncoder subset;

  @Setup
  public void setUp() {
    config = EncodingConfig.forShards(1000);
    blob = new byte[blobBytes];
    new Random(1).nextBytes(blob);
    // Shards map to pairs by a per-blob rotation, so a node's pairs are a contiguous run mod n.
    int n = config.nShards();
    int first = 617;
    primary = new ArrayList<>();
    secondary = new ArrayList<>();
    for (int k = 0; k < ownedShards; k++) {
      int pair = (first + k) % n;
      primary.add(pair);
      secondary.add(n - 1 - pair);
    }
    subset = new SliverSubsetEncoder(config);
    // On a busy machine C2 needs longer than JMH's warm-up to compile the vector kernels, and a
    // whole encoding on their fallback code takes seconds: measure compiled code only.
    if (!KernelReadiness.awaitCompiled(Duration.ofMinutes(2), () -> { })) {
      throw new IllegalStateException("the vector kernels did not compile within 2 minutes");
    }
  }

  @Benchmark
  public Object ownSlivers() {
    return subset.encode(blob, primary, secondary, () -> { });
  }

  @Benchmark
  public Object wholeEncoding() {
    EncodedBlob encoded = new BlobEncoder(config).encode(blob);
    return encoded.metadata();
  }
}
