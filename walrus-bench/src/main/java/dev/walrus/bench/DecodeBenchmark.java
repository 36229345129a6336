package dev.walrus.bench;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
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
 * Reading a blob back at 1000 shards with the default consistency check: from the systematic
 * primary slivers (no arithmetic), from primary slivers with a third of the systematic ones
 * missing (f nodes down), and from secondary slivers only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
@State(Scope.Benchmark)
public class DecodeBenchmark {
  @Param({"64"})
  public int sizeMiB;

  @Param({"systematic", "third-missing", "secondary"})
  public String slivers;

  private BlobDecoder decoder;
  private EncodedBlob encoded;
  private List<SliverData> input;

  @Setup
  public void setUp() {
    EncodingConfig config = EncodingConfig.forShards(1000);
    byte[] blob = new byte[sizeMiB << 20];
    new Random(1).nextBytes(blob);
    encoded = new BlobEncoder(config).encode(blob);
    decoder = new BlobDecoder(config);
    input = new ArrayList<>();
    int p = config.primarySymbols();
    switch (slivers) {
      case "systematic" -> {
        for (int i = 0; i < p; i++) {
          input.add(encoded.sliver(SliverType.PRIMARY, i));
        }
      }
      case "third-missing" -> {
        for (int i = 0; input.size() < p; i++) {
          if (i % 3 != 0 || i >= p) {
            input.add(encoded.sliver(SliverType.PRIMARY, i));
          }
        }
      }
      default -> {
        for (int j = config.nShards() - 1; input.size() < config.secondarySymbols(); j -= 1) {
          input.add(encoded.secondarySliver(j));
        }
      }
    }
  }

  @Benchmark
  public byte[] decode() {
    return decoder.decode(encoded.metadata(), input, ConsistencyCheck.DEFAULT);
  }
}
