package dev.walrus.bench;

import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
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
 * The whole RS2 encoding of a blob at 1000 shards, all cores: metadata and blob ID only (what
 * {@code walrus blob-id} and a registering client need), and the encoding that keeps slivers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
@State(Scope.Benchmark)
public class MetadataBenchmark {
  @Param({"1", "64", "256", "1024"})
  public int sizeMiB;

  @Param({"1000"})
  public int nShards;

  private BlobEncoder encoder;
  private byte[] blob;

  @Setup
  public void setUp() {
    encoder = new BlobEncoder(EncodingConfig.forShards(nShards));
    blob = new byte[sizeMiB << 20];
    new Random(1).nextBytes(blob);
  }

  @Benchmark
  public BlobMetadataWithId metadata() {
    return encoder.computeMetadata(blob);
  }

  @Benchmark
  public EncodedBlob encodeWithSlivers() {
    return encoder.encode(blob);
  }
}
