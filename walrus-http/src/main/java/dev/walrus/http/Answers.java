package dev.walrus.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The few whole answers every server writes the same way. */
public final class Answers {
  private Answers() {}

  /**
   * Answers with an error body (the API's AIP-193 JSON) and returns {@code code}. If the answer
   * had already started — a handler failed while streaming — the status can no longer change:
   * the exchange fails instead, which closes the connection, so the client sees a truncated body
   * rather than a wrong one.
   */
  public static int error(Response response, Callback callback, int code, byte[] json, Throwable cause) {
    if (response.isCommitted()) {
      callback.failed(cause);
      return response.getStatus();
    }
    try {
      response.setStatus(code);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
      response.write(true, ByteBuffer.wrap(json), callback);
    } catch (IllegalStateException committedMeanwhile) {
      callback.failed(cause);
    }
    return code;
  }

  /** Prometheus's text exposition of {@code metrics}, for {@code GET /metrics}. */
  public static void metrics(Response response, Callback callback, PrometheusMeterRegistry metrics) {
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
