package dev.walrus.ledger.server;

import dev.walrus.http.Answers;
import dev.walrus.http.HttpServer;
import dev.walrus.http.RefusedBodies;
import dev.walrus.http.RequestTimers;
import dev.walrus.http.RouteMiss;
import dev.walrus.http.Router;
import dev.walrus.ledger.api.ErrorResponse;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.SubmissionException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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

  private final HttpServer server;
  private final Router<Route> router;
  private final EventStreams streams;
  private final RequestTimers timers;

  /** @param tls the HTTPS context, or null for plain HTTP */
  public LedgerHttpServer(LedgerBackend backend, ReplicaConfig.ApiConfig config, String host, int port,
      SslContextFactory.Server tls, PrometheusMeterRegistry metrics) throws IOException {
    this.timers = new RequestTimers(metrics, "ledger.http.requests");
    this.streams = new EventStreams(backend);
    this.router = Router.of(new LedgerApi(backend, config, metrics, openApiJson(), streams).routes(),
        Route::method, Route::template);
    HttpServer.Builder b = HttpServer.builder("ledger-http").bind(host, port).maxThreads(32).handler(new Dispatcher());
    this.server = (tls != null ? b.tls(tls) : b).build();
  }

  public void start() throws Exception {
    server.start();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() throws IOException {
    streams.stop();
    server.close();
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
        Router.Match<Route> match = router.match(method, path);
        template = match.template();
        x = new Exchange(request, response, callback, match.values(), match.route().params());
        match.route().handler().handle(x);
        status = x.status;
      } catch (Throwable t) {
        RefusedBodies.discardSmallRest(request);
        status = answerError(x, response, callback, t);
      } finally {
        timers.record(template, method, status, System.nanoTime() - start);
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
    return Answers.error(response, callback, error.error().code(), LedgerJson.mapper().writeValueAsBytes(error), t);
  }

  static ErrorResponse toError(Throwable t) {
    if (t instanceof ApiException a) {
      return a.toResponse();
    }
    if (t instanceof RouteMiss miss) {
      return ErrorResponse.of(miss.httpStatus(), miss.status(), miss.reason(), miss.getMessage(), Map.of());
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
