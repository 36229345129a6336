package dev.walrus.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first factory of an HTTPS connector: a connection that starts with a TLS record goes on to
 * TLS; anything else (plain HTTP sent to the HTTPS port, typically {@code http://} in a client's
 * configuration) gets a plain-text 400 that says what to do, in the protocol's error format, and is
 * closed. Without it Jetty drops such a connection silently, which a user sees only as "connection
 * reset"; and nothing is ever served in the clear.
 */
final class PlainTextRefusal extends DetectorConnectionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PlainTextRefusal.class);
  /** At most one log line per this many milliseconds: a scanner must not flood the log. */
  private static final long LOG_INTERVAL_MS = 10_000;

  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE / 2);
  private final byte[] answer;

  PlainTextRefusal(SslConnectionFactory ssl) {
    super(ssl);
    String body = "{\"error\":{\"code\":400,\"status\":\"FAILED_PRECONDITION\",\"message\":\"this port speaks"
        + " HTTPS only: use https://\",\"details\":[{\"@type\":\"ErrorInfo\",\"reason\":\"PLAIN_HTTP_TO_HTTPS_PORT\","
        + "\"domain\":\"global\",\"metadata\":{}}]}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    this.answer = ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  protected void nextProtocol(Connector connector, EndPoint endPoint, ByteBuffer buffer) {
    long now = System.currentTimeMillis();
    long last = lastLogged.get();
    if (now - last >= LOG_INTERVAL_MS && lastLogged.compareAndSet(last, now)) {
      LOG.info("refused plain HTTP from {} on the HTTPS port {} (further ones are not logged for {} s)",
          endPoint.getRemoteSocketAddress(), connector.getName(), LOG_INTERVAL_MS / 1000);
    }
    endPoint.write(Callback.from(endPoint::close, t -> endPoint.close()), ByteBuffer.wrap(answer));
  }
}
