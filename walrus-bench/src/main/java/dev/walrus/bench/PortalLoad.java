package dev.walrus.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Requests per second and latency of one Walrus Sites portal URL: {@code --concurrency} clients,
 * each sending its next GET as soon as its last one is answered, for {@code --seconds} after
 * {@code --warmup} seconds; the site is named by the {@code --host} header, so no DNS is involved.
 * A cached resource is one the portal holds verified in memory; run the portal with {@code
 * --cache-size 0} for an uncached one (every request then reads the aggregator and hashes).
 *
 * <pre>
 * java -cp walrus-bench/target/benchmarks.jar dev.walrus.bench.PortalLoad \
 *   --url http://127.0.0.1:3000/style.css --host &lt;base36&gt;.localhost:3000 --concurrency 16 --seconds 20
 * </pre>
 */
public final class PortalLoad {
  private static final int MAX_SAMPLES = 4_000_000;

  private PortalLoad() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv, Set.of("url", "host", "concurrency", "seconds", "warmup"));
    URI url = URI.create(args.get("url", "http://127.0.0.1:3000/"));
    String host = args.get("host", url.getHost() + ":" + url.getPort());
    int concurrency = args.getInt("concurrency", 16);
    long seconds = args.getLong("seconds", 20);
    long warmup = args.getLong("warmup", 5);
    HttpClient http = new HttpClient();
    http.setMaxConnectionsPerDestination(concurrency);
    http.start();
    try {
      run(http, url, host, concurrency, warmup, new long[0]);
      long[] samples = new long[MAX_SAMPLES];
      AtomicInteger count = new AtomicInteger();
      AtomicLong errors = new AtomicLong();
      long t0 = System.nanoTime();
      long[] result = run(http, url, host, concurrency, seconds, samples, count, errors);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      int n = Math.min(count.get(), MAX_SAMPLES);
      Percentiles p = new Percentiles(java.util.Arrays.copyOf(samples, n));
      System.out.printf(Locale.ROOT, "%s (Host: %s), %d clients, %.1f s: %d requests, %.0f req/s, p50 %.2f ms,"
          + " p99 %.2f ms, %d errors, %d bytes per answer; load average %.2f%n", url, host, concurrency, elapsed,
          count.get(), count.get() / elapsed, p.ms(0.50), p.ms(0.99), errors.get(), result[0],
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      http.stop();
    }
  }

  private static long[] run(HttpClient http, URI url, String host, int concurrency, long seconds, long[] samples)
      throws InterruptedException {
    return run(http, url, host, concurrency, seconds, samples, new AtomicInteger(), new AtomicLong());
  }

  private static long[] run(HttpClient http, URI url, String host, int concurrency, long seconds, long[] samples,
      AtomicInteger count, AtomicLong errors) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[] size = new long[1];
    Thread[] clients = new Thread[concurrency];
    for (int c = 0; c < concurrency; c++) {
      clients[c] = Thread.ofVirtual().start(() -> {
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          try {
            ContentResponse r = http.newRequest(url).headers(h -> h.put(HttpHeader.HOST, host))
                .timeout(30, TimeUnit.SECONDS).send();
            if (r.getStatus() != 200) {
              errors.incrementAndGet();
              continue;
            }
            size[0] = r.getContent().length;
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
    return size;
  }
}
