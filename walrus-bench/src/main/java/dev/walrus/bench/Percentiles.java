package dev.walrus.bench;

import java.util.Arrays;

/** Latency percentiles from recorded nanosecond samples (sorted once; benchmarks record few enough). */
final class Percentiles {
  private final long[] sorted;

  Percentiles(long[] nanos) {
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /** The {@code q}-quantile in milliseconds, NaN without samples. */
  double ms(double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
  }

  int count() {
    return sorted.length;
  }
}
