package dev.walrus.sites.portal;

import dev.walrus.http.HttpServer;
import dev.walrus.http.RequestTimers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Walrus Sites portal (sites.md §4, §8.4): an HTTP server that serves {@code
 * http://<base36 site ID>.<domain>:<port>/<path>} from the ledger's site records and Walrus
 * aggregators. Jetty on virtual threads like every walrus-java server, with bounds on what a
 * request can hold: {@code maxConcurrentRequests} at once, headers within Jetty's 8 KiB, an idle
 * timeout, aggregator exchanges within their timeout, bodies within {@code maxBody} (spooled to
 * a temporary directory above the memory limit, removed on close). Request counts and latencies by
 * outcome and status are served as Prometheus text at {@code /__wal__/metrics} on the bare domain.
 */
public final class PortalServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

  private final PortalSettings settings;
  private final HttpServer server;
  private final AggregatorFetcher fetcher;
  private final Path spoolDir;

  private PortalServer(PortalSettings settings, SiteDirectory directory) throws IOException {
    this.settings = settings;
    this.spoolDir = Files.createTempDirectory("walrus-portal-");
    this.fetcher = new AggregatorFetcher(settings, spoolDir);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SiteDirectory cached = new CachingSiteDirectory(directory, settings.siteCacheTtl(), 10_000);
    PortalHandler handler = new PortalHandler(settings, cached, fetcher, new BodyCache(settings.cacheBytes()),
        new RequestTimers(metrics, "walrus.portal.http.requests"), metrics::scrape);
    this.server = HttpServer.builder("walrus-portal")
        .bind(settings.address().getHostString(), settings.address().getPort())
        .maxThreads(32)
        .idleTimeout(Duration.ofSeconds(60))
        // SitePath refuses ambiguous paths itself, with the portal's page rather than Jetty's.
        .uriCompliance(UriCompliance.UNSAFE)
        .handler(handler)
        .build();
  }

  /** Starts a portal reading sites from {@code directory}. */
  public static PortalServer start(PortalSettings settings, SiteDirectory directory) throws Exception {
    PortalServer portal = new PortalServer(settings, directory);
    try {
      portal.server.start();
    } catch (Exception e) {
      portal.close();
      throw e;
    }
    LOG.info("the Walrus Sites portal listens on {}", portal.uri());
    return portal;
  }

  public int port() {
    return server.port();
  }

  /** The landing page's URL, e.g. {@code http://localhost:3000}. */
  public URI uri() {
    return URI.create("http://" + settings.domain() + ":" + port());
  }

  /** The URL of a site through this portal, e.g. {@code http://<base36>.localhost:3000/}. */
  public URI siteUri(dev.walrus.core.ObjectId siteId) {
    return URI.create("http://" + dev.walrus.sites.SiteIds.toBase36(siteId) + "." + settings.domain() + ":" + port()
        + "/");
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    server.close();
    fetcher.close();
    try (Stream<Path> files = Files.walk(spoolDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("removing {}: {}", spoolDir, e.toString());
    }
  }
}
