package dev.walrus.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Per-request retries with exponential back-off and jitter, for node calls that fail in ways
 * that pass: no answer, or {@code NOT_REGISTERED} because the node has not yet applied the
 * registration event. Anything else fails at once — asking again would get the same answer.
 *
 * @param retries further attempts after the first
 * @param initialBackoff pause before the first retry; doubled each time up to {@code maxBackoff}
 */
record Retry(int retries, Duration initialBackoff, Duration maxBackoff) {
  static final Retry DEFAULT = new Retry(5, Duration.ofMillis(250), Duration.ofSeconds(5));

  Retry {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, got " + retries);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("bad back-off " + initialBackoff + "…" + maxBackoff);
    }
  }

  /**
   * Runs {@code call} until it succeeds, fails with a non-retryable error, or the retries are
   * used up (then the last error is thrown).
   *
   * @throws CancelledException if the thread is interrupted while pausing
   */
  <T> T run(Supplier<T> call) {
    long pause = initialBackoff.toNanos();
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (NodeCallException e) {
        if (!e.isRetryable() || attempt >= retries || Thread.currentThread().isInterrupted()) {
          throw e;
        }
      }
      long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
      try {
        Thread.sleep(Duration.ofNanos(jittered));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new CancelledException();
      }
      pause = Math.min(pause * 2, maxBackoff.toNanos());
    }
  }

  void run(Runnable call) {
    run(() -> {
      call.run();
      return null;
    });
  }

  /** The calling task was cancelled (interrupted) while waiting to retry. */
  static final class CancelledException extends RuntimeException {
    CancelledException() {
      super("cancelled", null, false, false);
    }
  }
}
