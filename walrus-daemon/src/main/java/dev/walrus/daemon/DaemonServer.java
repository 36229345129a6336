package dev.walrus.daemon;

import dev.walrus.client.WalrusClient;
import dev.walrus.core.WalrusException;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.http.HttpServer;
import dev.walrus.http.RefusedBodies;
import dev.walrus.http.RequestTimers;
import dev.walrus.http.RouteMiss;
import dev.walrus.http.Router;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.Blocklist;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher / aggregator HTTP daemon (protocol.md §7): Jetty on virtual threads, Walrus's
 * routes for the services it runs, CORS for any origin, load shedding per service, AIP-193 errors
 * (domain {@code daemon.walrus.space}), and Prometheus metrics on a separate address. Every
 * blob upload and every read streams; none is held whole in memory. (A quilt's files are, once
 * its form has arrived: they are laid out as one quilt blob.)
 */
public final class DaemonServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);
  private static final int REPLAY_CACHE_CAPACITY = 1_000_000;
  /** How often the blocklist file is checked for changes. */
  private static final Duration BLOCKLIST_REFRESH = Duration.ofSeconds(1);

  private final HttpServer server;
  private final String host;
  private final MetricsServer metricsServer;
  private final List<Route> routes = new ArrayList<>();
  private final Router<Route> router;
  private final RequestTimers timers;
  private final Path uploads;
  private final PrometheusMeterRegistry metrics;
  private BlobRenewal renewal;

  private DaemonServer(DaemonSettings settings, DaemonContext ctx, Path uploads) throws IOException {
    this.uploads = uploads;
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = metrics;
    this.timers = new RequestTimers(metrics, "walrus.daemon.http.requests");
    String title = settings.aggregator() && settings.publisher() ? "Walrus Daemon"
        : settings.aggregator() ? "Walrus Aggregator" : "Walrus Publisher";
    routes.addAll(ServiceRoutes.routes(title, () -> List.copyOf(routes)));
    if (settings.aggregator()) {
      LoadShedder limit = new LoadShedder("aggregator", settings.aggregatorConcurrency(), settings.aggregatorBuffer(),
          metrics);
      routes.addAll(AggregatorRoutes.routes(ctx, limit));
      routes.addAll(QuiltRoutes.readRoutes(ctx, limit));
    }
    if (settings.publisher()) {
      JwtAuth auth = settings.jwt() == null ? null
          : new JwtAuth(settings.jwt(), new ReplayCache(REPLAY_CACHE_CAPACITY, Clock.systemUTC()), Clock.systemUTC());
      LoadShedder limit = new LoadShedder("publisher", settings.publisherConcurrency(), settings.publisherBuffer(),
          metrics);
      routes.addAll(PublisherRoutes.routes(ctx, limit, auth, uploads));
      routes.add(QuiltRoutes.storeRoute(ctx, limit, auth, uploads));
    }
    this.router = Router.of(routes, Route::method, Route::template);
    InetSocketAddress bind = settings.bindAddress();
    this.host = bind.getHostString();
    this.server = HttpServer.builder("walrus-daemon").bind(host, bind.getPort()).maxThreads(256)
        .idleTimeout(Duration.ofMinutes(5)).handler(new Dispatcher()).build();
    this.metricsServer = settings.metricsAddress() == null ? null : new MetricsServer(settings.metricsAddress(), metrics);
  }

  /**
   * Starts the daemon. {@code walrus} must use {@code ledger} (so transactions of the wallet are
   * serialised in one client); {@code wallet} pays for stores and is required for the publisher.
   */
  public static DaemonServer start(DaemonSettings settings, WalrusClient walrus, LedgerClient ledger,
      Ed25519KeyPair wallet) throws Exception {
    if (settings.publisher() && wallet == null) {
      throw new IllegalArgumentException("the publisher needs a wallet");
    }
    VectorizationProvider.startWarmup();
    Blocklist blocklist = Blocklist.load(Optional.ofNullable(settings.blocklist()), BLOCKLIST_REFRESH);
    Path uploads = Files.createTempDirectory("walrus-daemon-uploads-");
    DaemonServer daemon = new DaemonServer(settings, new DaemonContext(walrus, ledger, wallet, settings, blocklist),
        uploads);
    try {
      daemon.server.start();
      if (daemon.metricsServer != null) {
        daemon.metricsServer.start();
      }
      if (settings.renewal() != null) {
        daemon.renewal = BlobRenewal.start(settings.renewal(), walrus, ledger, daemon.metrics);
      }
    } catch (Exception e) {
      daemon.close();
      throw e;
    }
    LOG.info("the {} listens on {}", daemon.routes.stream().anyMatch(r -> r.method().equals("PUT"))
        ? "publisher" : "aggregator", daemon.uri());
    return daemon;
  }

  public int port() {
    return server.port();
  }

  public URI uri() {
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** The port of the metrics endpoint, or -1 when metrics are not served. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    if (renewal != null) {
      renewal.close();
    }
    server.close();
    if (metricsServer != null) {
      metricsServer.close();
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("removing {}: {}", uploads, e.toString());
    }
  }

  private final class Dispatcher extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      long start = System.nanoTime();
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      response.getHeaders().put(HttpHeader.VARY, "origin, access-control-request-method, access-control-request-headers");
      if (method.equals("OPTIONS") && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)) {
        preflight(response, callback);
        return true;
      }
      String template = "unmatched";
      Exchange x = null;
      try {
        Router.Match<Route> m = router.match(method.equals("HEAD") ? "GET" : method, path);
        Route route = m.route();
        template = route.template();
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        x = new Exchange(request, response, callback, m.params(), query);
        checkQuery(route, query);
        if (route.limiter() == null) {
          route.handler().handle(x);
        } else {
          try (LoadShedder.Permit permit = route.limiter().enter()) {
            route.handler().handle(x);
          }
        }
      } catch (Throwable t) {
        RefusedBodies.discardSmallRest(request);
        answerError(x, response, callback, t);
      } finally {
        timers.record(template, method, response.getStatus(), System.nanoTime() - start);
      }
      return true;
    }
  }

  /** Walrus's query structs deny unknown fields, and serde refuses a field given twice. */
  private static void checkQuery(Route route, Fields query) {
    if (route.query() == null) {
      return;
    }
    for (String name : query.getNames()) {
      if (!route.query().contains(name)) {
        throw DaemonError.invalidArgument("UNKNOWN_QUERY_PARAMETER", "unknown query parameter '" + name + "'"
            + (route.query().isEmpty() ? "; this endpoint takes none" : "; expected one of "
                + String.join(", ", new TreeSet<>(route.query()))));
      }
      if (query.getValues(name).size() > 1) {
        throw DaemonError.invalidArgument("DUPLICATE_QUERY_PARAMETER", "query parameter '" + name + "' is given twice");
      }
    }
  }

  /** CORS preflight: any origin, method and header, cached for a day (Walrus's CorsLayer). */
  private static void preflight(Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "*");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "*");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    callback.succeeded();
  }

  private static void answerError(Exchange x, Response response, Callback callback, Throwable t) {
    if (response.isCommitted() || x != null && x.answered()) {
      LOG.debug("request failed after its answer started: {}", t.toString());
      callback.failed(t);
      return;
    }
    DaemonError error = toError(t);
    response.reset();
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    Exchange answer = x != null ? x : new Exchange(null, response, callback, Map.of(), new Fields());
    if (error.status() == 401) {
      // RFC 9110 §11.6.1: a 401 names the scheme that would be accepted.
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
    }
    if (error.error() != null) {
      answer.json(error.status(), error.error().toJson());
    } else {
      answer.text(error.status(), error.getMessage());
    }
  }

  private static DaemonError toError(Throwable t) {
    if (t instanceof DaemonError d) {
      return d;
    }
    if (t instanceof RouteMiss miss) {
      return DaemonError.of(miss.httpStatus(), miss.status(), miss.reason(), miss.getMessage());
    }
    if (t instanceof IOException) {
      return DaemonError.invalidArgument("UNREADABLE_BODY", "the request could not be read: " + t.getMessage());
    }
    if (t instanceof InterruptedException) {
      return DaemonError.plain(503, "the daemon is shutting down");
    }
    if (t instanceof dev.walrus.core.encoding.DataTooLargeException) {
      return DaemonError.of(413, "SIZE_EXCEEDED", "BLOB_TOO_LARGE", t.getMessage());
    }
    if (t instanceof WalrusException) {
      LOG.warn("request failed: {}", t.toString());
    } else {
      LOG.error("request failed unexpectedly", t);
    }
    return DaemonError.internal("internal error: " + t.getMessage());
  }
}
