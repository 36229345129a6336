package dev.walrus.node.server;

import dev.walrus.core.BlobId;
import dev.walrus.core.InvalidBlobIdException;
import dev.walrus.core.SliverType;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.api.NodeApiJson;
import dev.walrus.node.service.NodeApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request to the node's API: typed access to path and query parameters (unknown parameters
 * are refused), the body with a size limit, and the answer in the spec's shapes (BCS, the JSON
 * success envelope, or the error format).
 */
final class Call {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final List<String> path;
  private final Fields query;
  int status;

  Call(Request request, Response response, Callback callback, List<String> path, Set<String> allowed,
      Set<String> repeatable) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.path = path;
    this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    for (String name : query.getNames()) {
      if (!allowed.contains(name)) {
        throw invalid("UNKNOWN_QUERY_PARAMETER", "unknown query parameter '" + name + "'"
            + (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: " + String.join(", ", allowed)));
      }
      if (!repeatable.contains(name) && query.getValues(name).size() > 1) {
        throw invalid("REPEATED_QUERY_PARAMETER", "query parameter '" + name + "' is given more than once");
      }
    }
  }

  BlobId blobId() {
    try {
      return BlobId.parse(path.getFirst());
    } catch (InvalidBlobIdException e) {
      throw invalid("INVALID_BLOB_ID", "'" + path.getFirst() + "' is not a blob ID: " + e.getMessage());
    }
  }

  String path(int i) {
    return path.get(i);
  }

  int pathInt(int i, String what) {
    try {
      return Integer.parseInt(path.get(i));
    } catch (NumberFormatException e) {
      throw invalid("INVALID_" + what.toUpperCase(Locale.ROOT).replace(' ', '_'), what + " '" + path.get(i) + "' is not a number");
    }
  }

  static SliverType axis(String text) {
    return switch (text) {
      case "primary" -> SliverType.PRIMARY;
      case "secondary" -> SliverType.SECONDARY;
      default -> throw invalid("INVALID_SLIVER_TYPE", "'" + text + "' is not a sliver type (primary or secondary)");
    };
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(query.getValue(name));
  }

  List<String> queryAll(String name) {
    List<String> values = query.getValues(name);
    return values == null ? List.of() : values;
  }

  boolean boolQuery(String name) {
    return query(name).map(v -> switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid("INVALID_QUERY_PARAMETER", name + " must be true or false, got '" + v + "'");
    }).orElse(false);
  }

  long longQuery(String name, long fallback, long min, long max) {
    return query(name).map(v -> rangedLong(name, v, min, max)).orElse(fallback);
  }

  /** The query value {@code v} of {@code name} as a whole number in {@code [min, max]}, else a 400. */
  static long rangedLong(String name, String v, long min, long max) {
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid("INVALID_QUERY_PARAMETER", name + "=" + v + " must be a whole number in [" + min + ", " + max + "]");
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** Sets a response header (before the answer is sent). */
  void responseHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /**
   * The body length the client declared, or {@code max} if it did not (chunked).
   *
   * @throws NodeApiException 413 if the declared length is above {@code max}
   */
  long declaredLength(long max) {
    long declared = request.getLength();
    if (declared > max) {
      throw tooLarge(max);
    }
    return declared < 0 ? max : declared;
  }

  /**
   * A BCS body of at most {@code max} bytes (413 beyond); the content type must be BCS's or absent.
   * With a declared length the body is read straight into an array of that size: one copy out of
   * Jetty's buffers, none to grow or trim it.
   */
  byte[] bcsBody(long max) throws IOException {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && !type.startsWith("application/octet-stream")) {
      throw new NodeApiException(new ApiError(415, "INVALID_ARGUMENT",
          "expected Content-Type application/octet-stream (BCS), got '" + type + "'", "UNSUPPORTED_MEDIA_TYPE",
          ApiError.STORAGE_DOMAIN, java.util.Map.of()));
    }
    long declared = request.getLength();
    if (declared > max) {
      throw tooLarge(max);
    }
    try (InputStream in = Request.asInputStream(request)) {
      if (declared >= 0) {
        byte[] exact = new byte[(int) declared];
        int read = in.readNBytes(exact, 0, exact.length);
        if (read != exact.length) {
          throw new IOException("the body ended after " + read + " of its declared " + declared + " bytes");
        }
        return exact;
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw tooLarge(max);
      }
      return bytes;
    }
  }

  private static NodeApiException tooLarge(long max) {
    return new NodeApiException(new ApiError(413, "OUT_OF_RANGE", "the request body exceeds the limit of " + max + " bytes",
        "PAYLOAD_TOO_LARGE", ApiError.STORAGE_DOMAIN, java.util.Map.of()));
  }

  void bcs(int code, byte[] body) {
    send(code, "application/octet-stream", body);
  }

  /** {@code {"success":{"code":…,"data":…}}}. */
  void success(int code, Object data) {
    send(code, "application/json", NodeApiJson.success(code, data).getBytes(StandardCharsets.UTF_8));
  }

  void send(int code, String contentType, byte[] body) {
    status = code;
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static NodeApiException invalid(String reason, String message) {
    return new NodeApiException(ApiError.invalidArgument(reason, message));
  }
}
