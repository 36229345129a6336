package dev.walrus.bench;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverRecovery;
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
 * Storage-node repair at 1000 shards, one thread: computing a recovery symbol with its proof from
 * a stored sliver, and rebuilding a lost sliver from proven symbols (each proof checked, the
 * result hashed against the metadata).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Benchmark)
public class RecoveryBenchmark {
  @Param({"10240", "1048576"})
  public int blobBytes;

  @Param({"PRIMARY", "SECONDARY"})
  public SliverType target;

  private EncodingConfig config;
  private EncodedBlob encoded;
  private SliverRecovery recovery;
  private List<RecoverySymbol> symbols;
  private SliverData source;

  @Setup
  public void setUp() {
    config = EncodingConfig.forShards(1000);
    byte[] blob = new byte[blobBytes];
    new Random(1).nextBytes(blob);
    encoded = new BlobEncoder(config).encode(blob);
    recovery = new SliverRecovery(config);
    symbols = new ArrayList<>();
    int k = recovery.symbolsNeeded(target);
    // Sources from the far end of the axis, so the decoder has erasures to fill.
    for (int i = config.nShards() - 1; symbols.size() < k; i--) {
      SliverData s = target == SliverType.PRIMARY ? encoded.secondarySliver(i) : encoded.primarySliver(i);
      symbols.add(ExpandedSliver.of(config, s).recoverySymbol(7));
    }
    source = target == SliverType.PRIMARY ? encoded.secondarySliver(500) : encoded.primarySliver(500);
  }

  @Benchmark
  public SliverData recoverSliver() {
    return recovery.recover(encoded.metadata().metadata(), target, 7, symbols);
  }

  @Benchmark
  public RecoverySymbol computeRecoverySymbol() {
    return ExpandedSliver.of(config, source).recoverySymbol(7);
  }
}
