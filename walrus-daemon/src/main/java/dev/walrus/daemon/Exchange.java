package dev.walrus.daemon;

import dev.walrus.core.BlobId;
import dev.walrus.core.InvalidBlobIdException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its answer, for route handlers: typed path and query parameters (malformed ones
 * answered with 400), the body as a stream, and answers as JSON, text, or a stream written as it
 * is produced. Every answer completes the request; a handler answers exactly once.
 */
final class Exchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Map<String, String> path;
  private final Fields query;
  private boolean answered;

  Exchange(Request request, Response response, Callback callback, Map<String, String> path, Fields query) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.path = path;
    this.query = query;
  }

  String method() {
    return request.getMethod();
  }

  String path(String name) {
    return path.get(name);
  }

  /** The path parameter {@code name} as a blob ID; 400 if it is not one. */
  BlobId blobId(String name) {
    String text = path(name);
    try {
      return BlobId.parse(text);
    } catch (InvalidBlobIdException | IllegalArgumentException e) {
      throw DaemonError.invalidArgument("INVALID_BLOB_ID", "'" + text + "' is not a valid blob ID: " + e.getMessage());
    }
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(query.getValue(name));
  }

  /** A boolean query parameter ({@code true} or {@code false}); absent is false. */
  boolean flag(String name) {
    return query(name).map(v -> switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw DaemonError.invalidArgument("INVALID_QUERY_PARAMETER",
          "query parameter '" + name + "' must be true or false, got '" + v + "'");
    }).orElse(false);
  }

  /** An unsigned integer query parameter no larger than {@code max}. */
  Optional<Long> unsigned(String name, long max) {
    return query(name).map(v -> {
      try {
        long value = Long.parseLong(v);
        if (value < 0 || value > max || v.startsWith("+")) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        throw DaemonError.invalidArgument("INVALID_QUERY_PARAMETER",
            "query parameter '" + name + "' must be a whole number from 0 to " + max + ", got '" + v + "'");
      }
    });
  }

  String header(HttpHeader name) {
    return request.getHeaders().get(name);
  }

  HttpFields requestHeaders() {
    return request.getHeaders();
  }

  /** The declared body length, or -1 when the body is chunked. */
  long contentLength() {
    return request.getLength();
  }

  InputStream body() {
    return Content.Source.asInputStream(request);
  }

  HttpFields.Mutable headers() {
    return response.getHeaders();
  }

  boolean committed() {
    return response.isCommitted();
  }

  boolean answered() {
    return answered;
  }

  int status() {
    return response.getStatus();
  }

  void json(int status, String json) {
    send(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  void text(int status, String text) {
    send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  void send(int status, String contentType, byte[] body) {
    answered = true;
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Writer of a streamed answer; the request completes when it returns. */
  @FunctionalInterface
  interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Answers with {@code status} and a body written by {@code writer}, sent as it is written. An
   * error before the first byte leaves the answer open for an error response; after it, the
   * connection is cut so the client sees a truncated body, not a complete wrong one.
   */
  void stream(int status, BodyWriter writer) throws IOException {
    answered = true;
    response.setStatus(status);
    if (method().equals("HEAD")) {
      // The headers (length included) are the answer; fetching the body would be wasted work.
      response.write(true, ByteBuffer.allocate(0), callback);
      return;
    }
    OutputStream out = Content.Sink.asOutputStream(response);
    try {
      writer.writeTo(out);
      out.close();
    } catch (IOException | RuntimeException e) {
      answered = response.isCommitted();
      throw e;
    }
    callback.succeeded();
  }

  /** Drops the status and headers set so far, so an error can be answered instead. */
  void reset() {
    response.reset();
  }

  /** Fails the request after its answer started: Jetty aborts the connection. */
  void abort(Throwable cause) {
    answered = true;
    callback.failed(cause);
  }

  static List<String> split(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
