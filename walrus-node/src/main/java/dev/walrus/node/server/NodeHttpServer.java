package dev.walrus.node.server;

import dev.walrus.core.WalrusException;
import dev.walrus.http.Answers;
import dev.walrus.http.HttpServer;
import dev.walrus.http.RefusedBodies;
import dev.walrus.http.RequestTimers;
import dev.walrus.http.RouteMiss;
import dev.walrus.http.Router;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.service.ClientTraffic;
import dev.walrus.node.service.NodeApiException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server (walrus-http's Jetty on virtual threads): routes requests, answers every
 * failure in the spec's error format (a bug is a 500 with a message, never a dropped connection),
 * serves {@code /metrics}, allows any origin (as Walrus's nodes do), and times each route.
 */
public final class NodeHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHttpServer.class);
  private static final int INPUT_BUFFER_BYTES = 64 << 10;

  private final HttpServer server;
  private final Router<Route> router;
  private final PrometheusMeterRegistry metrics;
  private final RequestTimers timers;
  private final ClientTraffic traffic;

  NodeHttpServer(List<Route> routes, String host, int port, PrometheusMeterRegistry metrics) {
    this(routes, host, port, null, metrics, new ClientTraffic());
  }

  NodeHttpServer(List<Route> routes, String host, int port, SslContextFactory.Server tls,
      PrometheusMeterRegistry metrics, ClientTraffic traffic) {
    this.router = Router.of(routes, Route::method, Route::template);
    this.metrics = metrics;
    this.timers = new RequestTimers(metrics, "walrus.node.http.requests");
    this.traffic = traffic;
    // Sliver uploads are large bodies: 64 KiB reads instead of Jetty's 8 KiB (a 200 KB sliver took
    // 25 reads, each waking the request's virtual thread).
    this.server = HttpServer.builder("node-http").bind(host, port).maxThreads(64)
        .inputBufferBytes(INPUT_BUFFER_BYTES).tls(tls).handler(new Dispatcher()).build();
  }

  /** Builds the server for a node's services (see {@link NodeApi}), plain HTTP. */
  public static NodeHttpServer create(NodeApi api, String host, int port, PrometheusMeterRegistry metrics) {
    return new NodeHttpServer(api.routes(), host, port, metrics);
  }

  /**
   * As {@link #create}, over HTTPS when {@code tls} is not {@code null}, counting the API requests
   * in flight in {@code traffic} (recovery gives way to them).
   */
  public static NodeHttpServer create(NodeApi api, String host, int port, SslContextFactory.Server tls,
      PrometheusMeterRegistry metrics, ClientTraffic traffic) {
    return new NodeHttpServer(api.routes(), host, port, tls, metrics, traffic);
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return server.port();
  }

  /** {@code https}, or {@code http} when TLS is disabled. */
  public String scheme() {
    return server.scheme();
  }

  @Override
  public void close() {
    server.close();
  }

  private final class Dispatcher extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      long start = System.nanoTime();
      String template = "unmatched";
      int status = 500;
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      if (method.equals("OPTIONS")) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, PUT, POST, OPTIONS");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "*");
        response.setStatus(204);
        callback.succeeded();
        return true;
      }
      if (method.equals("GET") && path.equals("/metrics")) {
        Answers.metrics(response, callback, metrics);
        return true;
      }
      traffic.started();
      try {
        Router.Match<Route> match = router.match(method, path);
        template = match.template();
        Route route = match.route();
        Call call = new Call(request, response, callback, match.values(), route.params(), route.repeatable());
        route.handler().handle(call);
        status = call.status;
      } catch (Throwable t) {
        RefusedBodies.discardSmallRest(request);
        ApiError error = toError(t);
        status = Answers.error(response, callback, error.code(), error.toJsonBytes(), t);
      } finally {
        timers.record(template, method, status, System.nanoTime() - start);
        traffic.finished();
      }
      return true;
    }
  }

  static ApiError toError(Throwable t) {
    if (t instanceof NodeApiException e) {
      return e.error();
    }
    if (t instanceof RouteMiss miss) {
      return new ApiError(miss.httpStatus(), miss.status(), miss.getMessage(), miss.reason(), ApiError.STORAGE_DOMAIN,
          Map.of());
    }
    if (t instanceof IOException) {
      return ApiError.invalidArgument("UNREADABLE_BODY", "the request could not be read: " + t.getMessage());
    }
    if (t instanceof InterruptedException) {
      return ApiError.unavailable("SHUTTING_DOWN", "the node is shutting down");
    }
    if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("committee")) {
      return ApiError.unavailable("NOT_READY", "the node has not loaded the committee from the ledger yet");
    }
    if (t instanceof WalrusException) {
      LOG.warn("request failed: {}", t.toString());
    } else {
      LOG.error("request failed unexpectedly", t);
    }
    return ApiError.internal("internal error: " + t);
  }
}
