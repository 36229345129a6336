package dev.walrus.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
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
      java.util.function.UnaryOperator<org.eclipse.jetty.client.Request> withHost =
          r -> r.headers(h -> h.put(HttpHeader.HOST, host));
      ClosedLoop.run(http, url, withHost, concurrency, warmup, 1);
      ClosedLoop.Result r = ClosedLoop.run(http, url, withHost, concurrency, seconds, MAX_SAMPLES);
      Percentiles p = r.percentiles();
      System.out.printf(Locale.ROOT, "%s (Host: %s), %d clients, %.1f s: %d requests, %.0f req/s, p50 %.2f ms,"
          + " p99 %.2f ms, %d errors, %d bytes per answer; load average %.2f%n", url, host, concurrency, r.seconds(),
          r.count(), r.perSecond(), p.ms(0.50), p.ms(0.99), r.errors(), r.bytesPerAnswer(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      http.stop();
    }
  }
}
