package dev.walrus.daemon;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prometheus's scrape endpoint, {@code GET /metrics}, on its own address (Walrus's {@code --metrics-address}). */
final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server, 1, 1);

  MetricsServer(InetSocketAddress address, PrometheusMeterRegistry metrics) {
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals("/metrics")) {
          Response.writeError(request, response, callback, 404);
          return true;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
    });
  }

  void start() throws Exception {
    server.start();
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the metrics server: {}", e.toString());
    }
  }
}
