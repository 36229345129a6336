package dev.walrus.bench;

import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
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
 * BLAKE2b-256 over many equal-length Merkle leaves on one thread: 2- and 6-byte leaves (the symbols
 * of 10 KiB and 1 MiB blobs at 1000 shards), 1206-byte leaves (the symbols of
 * a 256 MiB blob at 1000 shards) and 64-byte inner nodes, multi-buffer vector code against one
 * message at a time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class Blake2bBenchmark {
  @Param({"2", "6", "64", "1206"})
  public int messageBytes;

  @Param({"vector", "scalar"})
  public String kernels;

  private static final int COUNT = 1024;
  private Blake2bBatch hasher;
  private byte[] data;
  private byte[] out;


  @Setup
  public void setUp() {
    hasher = kernels.equals("scalar") ? VectorizationProvider.newScalarBlake2bBatch() : VectorizationProvider.newBlake2bBatch();
    data = new byte[COUNT * messageBytes];
    new Random(1).nextBytes(data);
    out = new byte[COUNT * 32];
  }

  @Benchmark
  public byte[] hashLeaves(ByteCounter counter) {
    hasher.hash((byte) 0, data, 0, messageBytes, COUNT, messageBytes, out, 0);
    counter.bytes += data.length;
    return out;
  }
}
