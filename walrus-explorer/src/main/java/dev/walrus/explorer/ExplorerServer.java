package dev.walrus.explorer;

import dev.walrus.http.HttpServer;
import dev.walrus.http.RequestTimers;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeClients;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer: a web server whose pages are built, per request, from the ledger API and the
 * storage nodes' public endpoints, plus one event subscription for the live feed and the figures
 * only events tell. Jetty on virtual threads like every walrus-java server; page latencies by
 * route and status are served as Prometheus text at {@code /metrics}.
 *
 * <p>It borrows the {@link LedgerClient} (the caller closes it) and owns its node clients.
 */
public final class ExplorerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExplorerServer.class);

  private final ExplorerSettings settings;
  private final HttpServer server;
  private final EventFeed feed;
  private final StorageNodeClients nodes;

  private ExplorerServer(ExplorerSettings settings, LedgerClient ledgerClient) {
    this.settings = settings;
    this.feed = new EventFeed(settings.recentEvents(), settings.maxTrackedBlobs(), 64);
    this.nodes = StorageNodeClients.builder().connectTimeout(settings.nodeTimeout())
        .requestTimeout(settings.nodeTimeout()).maxConnectionsPerNode(4).maxQueuedRequestsPerNode(64).build();
    LedgerReads ledger = new LedgerReads(ledgerClient);
    NodeProbe probe = new NodeProbe(nodes, settings.nodeTimeout(), settings.nodeConcurrency());
    Optional<Aggregator> aggregator = settings.aggregator().map(u -> new Aggregator(u, Duration.ofSeconds(5)));
    List<ExplorerHandler.Route> routes = List.of(
        new ExplorerHandler.Route("/", (m, q) -> NetworkPage.view(ledger, feed)),
        new ExplorerHandler.Route("/nodes", (m, q) -> NodesPage.view(ledger, probe)),
        new ExplorerHandler.Route("/node/{id}", (m, q) -> NodePage.view(ledger, probe, m.params().get("id"))),
        new ExplorerHandler.Route("/blob/{id}",
            (m, q) -> BlobPage.view(ledger, probe, aggregator, m.params().get("id"))),
        new ExplorerHandler.Route("/account/{address}", (m, q) -> AccountPage.view(ledger, m.params().get("address"))),
        new ExplorerHandler.Route("/object/{id}", (m, q) -> ObjectPage.view(ledger, m.params().get("id"))),
        new ExplorerHandler.Route("/events", (m, q) -> EventsPage.view(feed, q.getValue("type"))));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ExplorerHandler handler = new ExplorerHandler(routes, q -> SearchPage.target(ledger, q), new StaticFiles(),
        new EventStream(feed, settings.maxEventStreams()), new RequestTimers(metrics, "walrus.explorer.http.requests"),
        metrics::scrape, settings.maxConcurrentRequests());
    this.server = HttpServer.builder("walrus-explorer")
        .bind(settings.address().getHostString(), settings.address().getPort())
        .maxThreads(16)
        .idleTimeout(Duration.ofSeconds(60))
        .handler(handler)
        .build();
    feed.start(ledgerClient);
  }

  /** Starts an explorer over the ledger {@code ledger} reaches. */
  public static ExplorerServer start(ExplorerSettings settings, LedgerClient ledger) throws Exception {
    ExplorerServer explorer = new ExplorerServer(settings, ledger);
    try {
      explorer.server.start();
    } catch (Exception e) {
      explorer.close();
      throw e;
    }
    LOG.info("the explorer listens on {}", explorer.uri());
    return explorer;
  }

  public int port() {
    return server.port();
  }

  /** The network page, e.g. {@code http://127.0.0.1:31416/}. */
  public URI uri() {
    String host = settings.address().getHostString();
    boolean any = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    return URI.create("http://" + (any ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    feed.close();
    server.close();
    nodes.close();
  }
}
