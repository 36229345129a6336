package dev.walrus.daemon;

import dev.walrus.http.Answers;
import dev.walrus.http.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Prometheus's scrape endpoint, {@code GET /metrics}, on its own address (Walrus's {@code --metrics-address}). */
final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  MetricsServer(InetSocketAddress address, PrometheusMeterRegistry metrics) {
    this.server = HttpServer.builder("daemon-metrics").bind(address.getHostString(), address.getPort())
        .maxThreads(4).handler(new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            if (!Request.getPathInContext(request).equals("/metrics")) {
              Response.writeError(request, response, callback, 404);
              return true;
            }
            Answers.metrics(response, callback, metrics);
            return true;
          }
        }).build();
  }

  void start() throws Exception {
    server.start();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
