package dev.walrus.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty 12 server with one listening connector, as every walrus-java server runs it: handlers on
 * virtual threads (a request blocked on the disk, the ledger or a peer costs a virtual thread, not
 * a platform thread), a bounded platform pool for Jetty's selectors, no {@code Server} header,
 * and — with {@link Builder#tls} — HTTPS serving HTTP/2 and HTTP/1.1 by ALPN.
 *
 * <p>Over TLS a client that offers no ALPN protocol gets HTTP/2: Walrus's Rust clients speak
 * HTTP/2 with prior knowledge and send no ALPN, and Jetty otherwise falls back to its default
 * protocol. Browsers and curl negotiate either.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final boolean tls;

  private HttpServer(Builder b) {
    QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads, Math.min(4, b.maxThreads));
    threads.setName(b.name);
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    if (b.uriCompliance != null) {
      config.setUriCompliance(b.uriCompliance);
    }
    HttpConnectionFactory http1 = new HttpConnectionFactory(config);
    http1.setInputBufferSize(b.inputBufferBytes);
    if (b.tls == null) {
      this.connector = new ServerConnector(server, http1);
    } else {
      // Pinning is by key, and a node's registered address is often an IP: the SNI host check
      // Jetty makes by default would refuse such requests for nothing.
      config.addCustomizer(new SecureRequestCustomizer(false));
      HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
      h2.setMaxConcurrentStreams(b.maxConcurrentStreams);
      h2.setInputBufferSize(b.inputBufferBytes);
      // HTTP/2 receive windows as large as Jetty's client defaults (16 MiB per connection, 8 MiB
      // per stream) instead of its server defaults (1 MiB, 512 KiB): the SDK uploads 8 slivers at
      // a time to a node over ONE connection, and 1 MiB shared by them stalls the sender whenever
      // a handler is slow to read (plain HTTP/1.1 had 12 sockets' kernel buffers). Bound: 16 MiB
      // of unread request bodies per connection. Measured on `walrus local` (10 nodes, 1000
      // shards, 2 cores, load 17-45): 256 MiB store SDK 11.9 / daemon 11.1 MB/s against 8.1 / 6.1
      // with the defaults and 8.0 / 6.6 on plain HTTP (commit 5d3c696); the load fell during
      // this run, so confirm on a quiet machine.
      h2.setInitialSessionRecvWindow(16 << 20);
      h2.setInitialStreamRecvWindow(8 << 20);
      // ALPN ids are lowercase: HttpConnectionFactory's protocol name is "HTTP/1.1", which a
      // client's "http/1.1" would never match; the connector finds factories case-insensitively.
      ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
      alpn.setDefaultProtocol(h2.getProtocol());
      SslConnectionFactory ssl = new SslConnectionFactory(b.tls, alpn.getProtocol());
      this.connector = new ServerConnector(server, new PlainTextRefusal(ssl), ssl, alpn, h2, http1);
    }
    this.tls = b.tls != null;
    connector.setHost(b.host);
    connector.setPort(b.port);
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    server.addConnector(connector);
    server.setHandler(Objects.requireNonNull(b.handler, "handler"));
    server.setStopTimeout(b.stopTimeout.toMillis());
  }

  /** A server whose threads are named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public void start() throws Exception {
    server.start();
  }

  /** The bound port (the one chosen when built with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return tls ? "https" : "http";
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops accepting, lets requests in flight finish for up to the stop timeout, and stops. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server: {}", e.toString());
    }
  }

  /** Settings; the defaults suit an API server on a small machine. */
  public static final class Builder {
    private final String name;
    private String host = "127.0.0.1";
    private int port;
    private int maxThreads = 64;
    private int inputBufferBytes = 16 << 10;
    private int maxConcurrentStreams = 1000;
    private Duration idleTimeout = Duration.ofMinutes(2);
    private Duration stopTimeout = Duration.ofSeconds(5);
    private SslContextFactory.Server tls;
    private Handler handler;
    private UriCompliance uriCompliance;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The address to listen on; {@code 0.0.0.0} for all. */
    public Builder bind(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /** Platform threads for Jetty's selectors and acceptors; handlers run on virtual threads. */
    public Builder maxThreads(int n) {
      if (n < 4) {
        throw new IllegalArgumentException("at least 4 threads, got " + n);
      }
      this.maxThreads = n;
      return this;
    }

    /**
     * Bytes read from the socket at a time. Jetty reads 8 KiB by default; a server taking large
     * bodies (slivers) wakes a request's thread once per read, so fewer, larger reads are cheaper.
     * The buffers come from Jetty's pool and go back once drained.
     */
    public Builder inputBufferBytes(int n) {
      if (n < 4096 || n > (4 << 20)) {
        throw new IllegalArgumentException("input buffer out of [4 KiB, 4 MiB]: " + n);
      }
      this.inputBufferBytes = n;
      return this;
    }

    /** HTTP/2 streams a client may have open on one connection (Walrus's nodes allow 1000). */
    public Builder maxConcurrentStreams(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("at least one stream, got " + n);
      }
      this.maxConcurrentStreams = n;
      return this;
    }

    public Builder idleTimeout(Duration d) {
      this.idleTimeout = positive(d, "idle timeout");
      return this;
    }

    public Builder stopTimeout(Duration d) {
      this.stopTimeout = positive(d, "stop timeout");
      return this;
    }

    /** Serves HTTPS with this key and certificate (HTTP/2 and HTTP/1.1); {@code null} for plain HTTP. */
    public Builder tls(SslContextFactory.Server tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Which request paths Jetty lets through to the handler; by default it answers ambiguous ones
     * (an encoded {@code /} or {@code ..}) with its own 400 page. A handler that checks paths
     * itself, to answer in its own format, passes a laxer mode and refuses what it cannot serve.
     */
    public Builder uriCompliance(UriCompliance compliance) {
      this.uriCompliance = compliance;
      return this;
    }

    public Builder handler(Handler handler) {
      this.handler = handler;
      return this;
    }

    public HttpServer build() {
      return new HttpServer(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }
  }
}
