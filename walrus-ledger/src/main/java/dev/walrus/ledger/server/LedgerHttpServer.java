package dev.walrus.ledger.server;

import dev.walrus.ledger.api.ErrorResponse;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.SubmissionException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The replica's HTTP server: Jetty 12 with handlers on virtual threads (a waiting submission or
 * an event stream costs a virtual thread, not a platform thread). Every failure is answered with
 * the AIP-193 error JSON; unexpected ones are logged and answered as {@code 500 INTERNAL}.
 */
public final class LedgerHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerHttpServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final List<Route> routes;
  private final EventStreams streams;
  private final PrometheusMeterRegistry metrics;

  public LedgerHttpServer(LedgerBackend backend, ReplicaConfig.ApiConfig config, String host, int port,
      PrometheusMeterRegistry metrics) throws IOException {
    this.metrics = metrics;
    this.streams = new EventStreams(backend);
    this.routes = new LedgerApi(backend, config, metrics, openApiJson(), streams).routes();
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("ledger-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
    server.addConnector(connector);
    server.setHandler(new Dispatcher());
    server.setStopTimeout(5_000);
  }

  public void start() throws Exception {
    server.start();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    streams.stop();
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IOException("cannot stop the HTTP server", e);
    }
  }

  /** The OpenAPI document, kept as YAML in the resources and served as JSON. */
  private static byte[] openApiJson() throws IOException {
    try (InputStream in = LedgerHttpServer.class.getResourceAsStream("ledger-openapi.yaml")) {
      if (in == null) {
        throw new IOException("ledger-openapi.yaml is missing from the class path");
      }
      JsonNode doc = YAMLMapper.builder().build().readTree(in);
      return LedgerJson.mapper().writeValueAsBytes(doc);
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
      Exchange x = null;
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
              ? new ApiException(405, "INVALID_ARGUMENT", "METHOD_NOT_ALLOWED", method + " is not allowed on " + path)
              : ApiException.notFound("UNKNOWN_PATH", "no such endpoint: " + path + " (see /v1/api)");
        }
        template = route.template();
        List<String> params = new java.util.ArrayList<>();
        for (int i = 1; i <= match.groupCount(); i++) {
          params.add(java.net.URLDecoder.decode(match.group(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        x = new Exchange(request, response, callback, params, route.params());
        route.handler().handle(x);
        status = x.status;
      } catch (Throwable t) {
        status = answerError(x, response, callback, t);
      } finally {
        Timer.builder("ledger.http.requests").tag("route", template).tag("method", method)
            .tag("status", Integer.toString(status)).register(metrics)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
      return true;
    }
  }

  /** Answers {@code t} as the error JSON unless the answer already started; returns the status. */
  private static int answerError(Exchange x, Response response, Callback callback, Throwable t) {
    ErrorResponse error = toError(t);
    if (x != null && x.completed()) {
      x.fail(t);
      return x.status;
    }
    byte[] body = LedgerJson.mapper().writeValueAsBytes(error);
    response.setStatus(error.error().code());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return error.error().code();
  }

  static ErrorResponse toError(Throwable t) {
    if (t instanceof ApiException a) {
      return a.toResponse();
    }
    if (t instanceof SubmissionException s) {
      if (s.leaderError() != null) {
        return s.leaderError();
      }
      return ErrorResponse.of(s.kind().httpCode, s.kind().status, s.kind().name(), s.getMessage(), Map.of());
    }
    if (t instanceof IOException) {
      return ErrorResponse.of(400, "INVALID_ARGUMENT", "UNREADABLE_BODY", "the request could not be read: " + t.getMessage(),
          Map.of());
    }
    if (t instanceof InterruptedException) {
      return ErrorResponse.of(503, "UNAVAILABLE", "SHUTTING_DOWN", "the replica is shutting down", Map.of());
    }
    LOG.error("request failed unexpectedly", t);
    return ErrorResponse.of(500, "INTERNAL", "INTERNAL", "internal error: " + t, Map.of());
  }
}
