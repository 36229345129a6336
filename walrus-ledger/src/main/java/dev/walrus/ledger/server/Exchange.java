package dev.walrus.ledger.server;

import dev.walrus.ledger.api.LedgerJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request being answered: path parameters, checked query parameters, the body with a size
 * limit, and ways to answer (JSON, text, or a stream of blocking writes for Server-Sent Events).
 * Handlers run on virtual threads, so blocking here is fine.
 */
final class Exchange {
  final Request request;
  final Response response;
  private final Callback callback;
  private final List<String> pathParams;
  private final Fields query;
  private boolean completed;
  int status;

  Exchange(Request request, Response response, Callback callback, List<String> pathParams, Set<String> allowed) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.pathParams = pathParams;
    this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    for (String name : query.getNames()) {
      if (!allowed.contains(name)) {
        throw ApiException.invalid("UNKNOWN_QUERY_PARAMETER", "unknown query parameter '" + name + "'"
            + (allowed.isEmpty() ? " (this endpoint takes none)" : " (allowed: " + String.join(", ", allowed) + ")"));
      }
      if (query.getValues(name).size() > 1) {
        throw ApiException.invalid("REPEATED_QUERY_PARAMETER", "query parameter '" + name + "' is given more than once");
      }
    }
  }

  String path(int i) {
    return pathParams.get(i);
  }

  String query(String name) {
    return query.getValue(name);
  }

  /** A whole-number query parameter in {@code [min, max]}, or {@code fallback} when absent. */
  long longQuery(String name, long fallback, long min, long max) {
    String v = query(name);
    if (v == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.invalid("INVALID_" + name.toUpperCase(java.util.Locale.ROOT),
          "query parameter " + name + "='" + v + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw ApiException.invalid("INVALID_" + name.toUpperCase(java.util.Locale.ROOT),
          "query parameter " + name + "=" + n + " is out of range [" + min + ", " + max + "]");
    }
    return n;
  }

  boolean boolQuery(String name, boolean fallback) {
    String v = query(name);
    if (v == null) {
      return fallback;
    }
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.invalid("INVALID_" + name.toUpperCase(java.util.Locale.ROOT),
          "query parameter " + name + " must be true or false, got '" + v + "'");
    };
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The request body, refused with 413 when longer than {@code max} bytes. */
  byte[] body(int max) throws IOException {
    long declared = request.getLength();
    if (declared > max) {
      throw tooLarge(declared, max);
    }
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw tooLarge(-1, max);
      }
      return bytes;
    }
  }

  private static ApiException tooLarge(long declared, int max) {
    return new ApiException(413, "SIZE_EXCEEDED", "BODY_TOO_LARGE",
        "the request body " + (declared >= 0 ? "(" + declared + " bytes) " : "") + "exceeds the limit of " + max + " bytes");
  }

  void json(int code, Object value) {
    bytes(code, "application/json", LedgerJson.mapper().writeValueAsBytes(value));
  }

  void bytes(int code, String contentType, byte[] body) {
    status = code;
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    completed = true;
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  boolean completed() {
    return completed;
  }

  /** Starts a streamed 200 answer (headers are sent with the first write). */
  void startStream(String contentType) {
    status = 200;
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    completed = true;
  }

  /** Writes and flushes a piece of the stream; throws when the client went away. */
  void write(String text) throws IOException {
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), cb);
      cb.block();
    }
  }

  /** Ends a stream. */
  void endStream() {
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  void fail(Throwable t) {
    callback.failed(t);
  }
}
