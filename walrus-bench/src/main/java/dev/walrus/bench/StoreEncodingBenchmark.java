package dev.walrus.bench;

import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobSource;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SpillSpace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A store's client-side work on a file, at 1000 shards: encoding it through positional reads with
 * the encoding's scratch spilled to a temporary file (what {@code walrus store FILE} does), then
 * reading every sliver out of it into reused buffers, as the upload does. The heap stays small
 * ({@code -Xmx512m}) whatever the blob's size.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx512m"})
@State(Scope.Benchmark)
public class StoreEncodingBenchmark {
  @Param({"256"})
  public int sizeMiB;

  @Param({"1000"})
  public int nShards;

  private Path dir;
  private FileChannel file;
  private BlobEncoder encoder;
  private SpillSpace spill;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("store-encoding-bench-");
    Path path = dir.resolve("blob");
    SplittableRandom random = new SplittableRandom(1);
    byte[] chunk = new byte[1 << 20];
    try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < sizeMiB; i++) {
        random.nextBytes(chunk);
        out.write(ByteBuffer.wrap(chunk));
      }
    }
    file = FileChannel.open(path, StandardOpenOption.READ);
    encoder = new BlobEncoder(EncodingConfig.forShards(nShards));
    spill = SpillSpace.directory(dir, 0);
  }

  @TearDown
  public void tearDown() throws IOException {
    file.close();
    Files.deleteIfExists(dir.resolve("blob"));
    Files.deleteIfExists(dir);
  }

  /** Metadata, blob ID and the spill: everything before the first sliver can be sent. */
  @Benchmark
  public long encode() throws IOException {
    try (EncodedBlob encoded = encoder.encode(BlobSource.of(file), spill)) {
      return encoded.symbolSize();
    }
  }

  /** The same, then every primary and secondary sliver read once. */
  @Benchmark
  public long encodeAndReadEverySliver() throws IOException {
    long sum = 0;
    try (EncodedBlob encoded = encoder.encode(BlobSource.of(file), spill)) {
      EncodingConfig config = encoder.config();
      byte[] primary = new byte[config.primarySliverSize(encoded.symbolSize())];
      byte[] secondary = new byte[config.secondarySliverSize(encoded.symbolSize())];
      for (int i = 0; i < nShards; i++) {
        sum += encoded.primarySliver(i, primary).length();
        sum += encoded.secondarySliver(i, secondary).length();
      }
    }
    return sum;
  }
}
