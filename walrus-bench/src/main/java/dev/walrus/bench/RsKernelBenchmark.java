package dev.walrus.bench;

import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.StripedCoder;
import dev.walrus.core.rs.SymbolLayout;
import java.util.Arrays;
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
 * One Reed–Solomon encode of the two shapes RS2 uses at 1000 shards (primary code 334:666, low
 * rate; secondary code 667:333, high rate) on one thread. The {@code bytes} counter is original
 * data per second, the figure reed-solomon-simd reports.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class RsKernelBenchmark {
  @Param({"334:666", "667:333"})
  public String shape;

  @Param({"1024", "4096", "16384", "65536"})
  public int shardBytes;

  @Param({"vector"})
  public String kernels;

  private ReedSolomonCode code;
  private StripedCoder coder;
  private SymbolLayout layout;
  private byte[] originals;
  private byte[] recovery;
  private byte[][] src;
  private int[] srcBases;
  private byte[][] dst;
  private int[] dstBases;


  @Setup
  public void setUp() {
    String[] kr = shape.split(":");
    int k = Integer.parseInt(kr[0]);
    int r = Integer.parseInt(kr[1]);
    code = new ReedSolomonCode(k, r);
    coder = new StripedCoder(kernels.equals("scalar") ? VectorizationProvider.scalarKernels() : VectorizationProvider.kernels());
    layout = new SymbolLayout(shardBytes, 1);
    originals = new byte[k * shardBytes];
    new Random(1).nextBytes(originals);
    recovery = new byte[r * shardBytes];
    src = new byte[k][];
    Arrays.fill(src, originals);
    srcBases = new int[k];
    for (int i = 0; i < k; i++) {
      srcBases[i] = i * shardBytes;
    }
    dst = new byte[r][];
    Arrays.fill(dst, recovery);
    dstBases = new int[r];
    for (int i = 0; i < r; i++) {
      dstBases[i] = i * shardBytes;
    }
  }

  @Benchmark
  public byte[] encode(ByteCounter counter) {
    coder.encode(code, layout, src, srcBases, shardBytes, dst, dstBases, shardBytes);
    counter.bytes += originals.length;
    return recovery;
  }
}
