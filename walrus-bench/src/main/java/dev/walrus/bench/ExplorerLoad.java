package dev.walrus.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.client.HttpClient;

/**
 * Page latency of a running explorer: for each page in turn ({@code /}, {@code /nodes}, {@code
 * /events}, {@code /api/}, and {@code /blob/ID} with {@code --blob}), {@code --concurrency}
 * clients each send their next GET as soon as the last is answered, for {@code --seconds} after
 * {@code --warmup} seconds. Pages are built per request from the ledger and, for {@code /nodes}
 * and blob pages, from one live request per storage node — so these figures include the ledger's
 * and the nodes' answers.
 *
 * <pre>
 * java -cp walrus-bench/target/benchmarks.jar dev.walrus.bench.ExplorerLoad \
 *   --url http://127.0.0.1:31416 --blob &lt;blob ID&gt; --concurrency 8 --seconds 10
 * </pre>
 */
public final class ExplorerLoad {
  private static final int MAX_SAMPLES = 1_000_000;

  private ExplorerLoad() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv, Set.of("url", "blob", "concurrency", "seconds", "warmup"));
    URI base = URI.create(args.get("url", "http://127.0.0.1:31416/"));
    int concurrency = args.getInt("concurrency", 8);
    long seconds = args.getLong("seconds", 10);
    long warmup = args.getLong("warmup", 3);
    List<String> pages = new ArrayList<>(List.of("/", "/nodes", "/events", "/api/"));
    String blob = args.get("blob", null);
    if (blob != null) {
      pages.add("/blob/" + blob);
    }
    HttpClient http = new HttpClient();
    http.setMaxConnectionsPerDestination(concurrency);
    http.start();
    try {
      for (String page : pages) {
        URI url = base.resolve(page);
        ClosedLoop.run(http, url, x -> x, concurrency, warmup, 1);
        ClosedLoop.Result r = ClosedLoop.run(http, url, x -> x, concurrency, seconds, MAX_SAMPLES);
        Percentiles p = r.percentiles();
        System.out.printf(Locale.ROOT, "%-12s %d clients, %.1f s: %d pages, %.0f pages/s, p50 %.2f ms, p99 %.2f ms,"
            + " %d errors, %d bytes per page; load average %.2f%n", page.startsWith("/blob/") ? "/blob/{id}" : page,
            concurrency, r.seconds(), r.count(), r.perSecond(), p.ms(0.50), p.ms(0.99), r.errors(), r.bytesPerAnswer(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    } finally {
      http.stop();
    }
  }
}
