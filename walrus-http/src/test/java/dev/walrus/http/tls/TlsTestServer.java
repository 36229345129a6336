package dev.walrus.http.tls;

import dev.walrus.http.HttpServer;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTPS server on 127.0.0.1 built as the node's is (walrus-http's {@link HttpServer} with TLS)
 * that answers with the HTTP version it served.
 */
/** A Jetty HTTPS server for TLS tests that answers every request with the HTTP version and ALPN it served; public for other modules' tests. */
public final class TlsTestServer implements AutoCloseable {
  static final String ALPN_HEADER = "X-Negotiated-ALPN";
  private final Server server;
  private final HttpServer https;
  private final ServerConnector connector;

  public TlsTestServer(SslContextFactory.Server ssl) throws Exception {
    this(ssl, false);
  }

  /** With {@code http11Only}, a plain HTTPS connector that knows no HTTP/2 (a node behind an old proxy). */
  public TlsTestServer(SslContextFactory.Server ssl, boolean http11Only) throws Exception {
    Handler handler = new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(ALPN_HEADER, negotiatedAlpn(request));
        Content.Sink.write(response, true, request.getConnectionMetaData().getHttpVersion().asString(), callback);
        return true;
      }
    };
    if (http11Only) {
      server = new Server();
      https = null;
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "alpn"),
          new ALPNServerConnectionFactory("http/1.1"), new HttpConnectionFactory());
      connector.setHost("127.0.0.1");
      server.addConnector(connector);
      server.setHandler(handler);
      server.start();
    } else {
      server = null;
      connector = null;
      https = HttpServer.builder("tls-test").bind("127.0.0.1", 0).tls(ssl).handler(handler).build();
      https.start();
    }
  }

  public int port() {
    return https != null ? https.port() : connector.getLocalPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  public String url() {
    return "https://" + address() + "/";
  }

  @Override
  public void close() throws Exception {
    if (https != null) {
      https.close();
    } else {
      server.stop();
    }
  }

  /** The protocol ALPN agreed on, "" if the client offered none. */
  private static String negotiatedAlpn(Request request) {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (endPoint instanceof SslConnection.SslEndPoint ssl) {
      String alpn = ssl.getSslConnection().getSSLEngine().getApplicationProtocol();
      return alpn == null ? "?" : alpn;
    }
    return "?";
  }
}
