package dev.walrus.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/**
 * Closed-loop HTTP load on one URL, shared by the page benchmarks ({@link PortalLoad}, {@link
 * ExplorerLoad}): {@code concurrency} clients on virtual threads each send their next GET as soon
 * as the last is answered, for a fixed time. Latencies of 200 answers are kept (up to a bound);
 * anything else counts as an error.
 */
final class ClosedLoop {
  /** What a run measured; {@code samples} holds the first {@code min(count, bound)} latencies in ns. */
  record Result(int count, long errors, long bytesPerAnswer, double seconds, long[] samples) {
    Percentiles percentiles() {
      return new Percentiles(samples);
    }

    double perSecond() {
      return count / seconds;
    }
  }

  private ClosedLoop() {}

  /**
   * Runs {@code concurrency} clients against {@code url} for {@code seconds}, each request shaped by
   * {@code customize} (e.g. a Host header), keeping at most {@code maxSamples} latencies.
   */
  static Result run(HttpClient http, URI url, UnaryOperator<Request> customize, int concurrency, long seconds,
      int maxSamples) throws InterruptedException {
    long[] samples = new long[maxSamples];
    AtomicInteger count = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicLong size = new AtomicLong();
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
    Thread[] clients = new Thread[concurrency];
    for (int c = 0; c < concurrency; c++) {
      clients[c] = Thread.ofVirtual().start(() -> {
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          try {
            ContentResponse r = customize.apply(http.newRequest(url)).timeout(30, TimeUnit.SECONDS).send();
            if (r.getStatus() != 200) {
              errors.incrementAndGet();
              continue;
            }
            size.set(r.getContent().length);
          } catch (Exception e) {
            errors.incrementAndGet();
            continue;
          }
          int i = count.getAndIncrement();
          if (i < samples.length) {
            samples[i] = System.nanoTime() - start;
          }
        }
      });
    }
    for (Thread t : clients) {
      t.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return new Result(count.get(), errors.get(), size.get(), elapsed,
        Arrays.copyOf(samples, Math.min(count.get(), maxSamples)));
  }
}
