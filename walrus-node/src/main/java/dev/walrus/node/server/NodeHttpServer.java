package dev.walrus.node.server;

import dev.walrus.core.WalrusException;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.service.ClientTraffic;
import dev.walrus.node.service.NodeApiException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server (Jetty on virtual threads): routes requests, answers every failure in the
 * spec's error format (a bug is a 500 with a message, never a dropped connection), serves
 * {@code /metrics}, allows any origin (as Walrus's nodes do), and times each route.
 */
public final class NodeHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHttpServer.class);
  private static final int INPUT_BUFFER_BYTES = 64 << 10;

  private final Server server;
  private final ServerConnector connector;
  private final List<Route> routes;
  private final PrometheusMeterRegistry metrics;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
  private final ClientTraffic traffic;

  NodeHttpServer(List<Route> routes, String host, int port, PrometheusMeterRegistry metrics) {
    this(routes, host, port, metrics, new ClientTraffic());
  }

  NodeHttpServer(List<Route> routes, String host, int port, PrometheusMeterRegistry metrics, ClientTraffic traffic) {
    this.routes = routes;
    this.metrics = metrics;
    this.traffic = traffic;
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("node-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    HttpConnectionFactory http1 = new HttpConnectionFactory(http);
    // Jetty reads 8 KiB at a time by default: a 200 KB sliver upload took 25 reads, each waking
    // the request's virtual thread. Buffers come from Jetty's pool and go back once drained.
    http1.setInputBufferSize(INPUT_BUFFER_BYTES);
    this.connector = new ServerConnector(server, http1);
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
    server.addConnector(connector);
    server.setHandler(new Dispatcher());
    server.setStopTimeout(5_000);
  }

  /** Builds the server for a node's services (see {@link NodeApi}). */
  public static NodeHttpServer create(NodeApi api, String host, int port, PrometheusMeterRegistry metrics) {
    return new NodeHttpServer(api.routes(), host, port, metrics);
  }

  /** As {@link #create}, counting the API requests in flight in {@code traffic} (recovery gives way to them). */
  public static NodeHttpServer create(NodeApi api, String host, int port, PrometheusMeterRegistry metrics,
      ClientTraffic traffic) {
    return new NodeHttpServer(api.routes(), host, port, metrics, traffic);
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server: {}", e.toString());
    }
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
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
      Call call = null;
      traffic.started();
      try {
        Route route = null;
        Matcher match = null;
        boolean pathKnown = false;
        for (Route r : routes) {
          Matcher m = r.pattern().matcher(path);
          if (m.matches()) {
            pathKnown = true;
            if (r.method().equals(method)) {
              route = r;
              match = m;
              break;
            }
          }
        }
        if (route == null) {
          throw pathKnown
              ? new NodeApiException(new ApiError(405, "INVALID_ARGUMENT", method + " is not allowed on " + path,
                  "METHOD_NOT_ALLOWED", ApiError.STORAGE_DOMAIN, java.util.Map.of()))
              : new NodeApiException(ApiError.notFound("UNKNOWN_PATH", "no such endpoint: " + path + " (see /v1/api)"));
        }
        template = route.template();
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= match.groupCount(); i++) {
          params.add(URLDecoder.decode(match.group(i), StandardCharsets.UTF_8));
        }
        call = new Call(request, response, callback, params, route.params(), route.repeatable());
        route.handler().handle(call);
        status = call.status;
      } catch (Throwable t) {
        status = answerError(response, callback, t);
      } finally {
        timer(template, method, status).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        traffic.finished();
      }
      return true;
    }
  }

  private record TimerKey(String template, String method, int status) {}

  /** Registered once per route, method and status: building a meter ID per request cost more than routing it. */
  private Timer timer(String template, String method, int status) {
    return timers.computeIfAbsent(new TimerKey(template, method, status), k -> Timer.builder("walrus.node.http.requests")
        .tag("route", k.template()).tag("method", k.method()).tag("status", Integer.toString(k.status()))
        .register(metrics));
  }

  private static int answerError(Response response, Callback callback, Throwable t) {
    ApiError error = toError(t);
    byte[] body = error.toJson().getBytes(StandardCharsets.UTF_8);
    try {
      response.setStatus(error.code());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    } catch (IllegalStateException committed) {
      callback.failed(t);
    }
    return error.code();
  }

  static ApiError toError(Throwable t) {
    if (t instanceof NodeApiException e) {
      return e.error();
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
