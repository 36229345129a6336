package dev.walrus.node.client;

import dev.walrus.core.WalrusException;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.api.ApiFormatException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's HTTP plumbing: sends a request with a deadline and a bounded response body, and
 * turns every way it can fail into a {@link StorageNodeException}.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final String BCS = "application/octet-stream";
  /** Extra wait beyond Jetty's own request timeout, in case its timer fires late. */
  private static final long GRACE_MILLIS = 2_000;

  private final HttpClient http;
  private final String node;
  private final String baseUrl;

  Exchange(HttpClient http, String node, String baseUrl) {
    this.http = http;
    this.node = node;
    this.baseUrl = baseUrl;
  }

  String node() {
    return node;
  }

  /**
   * Sends the request and waits for a 2xx answer of at most {@code maxBytes}.
   *
   * @param body BCS body, or {@code null} for none
   * @param authorization the {@code Authorization} header, or {@code null}
   */
  BoundedBodyListener.Reply send(
      HttpMethod method, String pathAndQuery, byte[] body, String authorization, Duration timeout, int maxBytes) {
    return send(method, pathAndQuery, body == null ? null : new BytesRequestContent(BCS, body), authorization,
        timeout, maxBytes);
  }

  /** As {@link #send(HttpMethod, String, byte[], String, Duration, int)}, with a body of any form. */
  BoundedBodyListener.Reply send(
      HttpMethod method, String pathAndQuery, Request.Content body, Duration timeout, int maxBytes) {
    return send(method, pathAndQuery, body, null, timeout, maxBytes);
  }

  private BoundedBodyListener.Reply send(HttpMethod method, String pathAndQuery, Request.Content body,
      String authorization, Duration timeout, int maxBytes) {
    Request request = http.newRequest(baseUrl + pathAndQuery)
        .method(method)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (body != null) {
      request.body(body);
    }
    if (authorization != null) {
      request.headers(h -> h.put(HttpHeader.AUTHORIZATION, authorization));
    }
    BoundedBodyListener listener = new BoundedBodyListener(maxBytes);
    request.send(listener);
    BoundedBodyListener.Reply reply;
    try {
      reply = listener.result().get(timeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      request.abort(e);
      Thread.currentThread().interrupt();
      throw StorageNodeException.synthetic(node, 0, "CANCELLED", StorageNodeException.INTERRUPTED,
          "interrupted while waiting for " + method + " " + pathAndQuery, e);
    } catch (TimeoutException e) {
      request.abort(e);
      throw timeout(method, pathAndQuery, timeout, e);
    } catch (ExecutionException e) {
      throw failure(method, pathAndQuery, timeout, e.getCause() != null ? e.getCause() : e);
    }
    if (reply.status() / 100 != 2) {
      throw errorAnswer(reply);
    }
    return reply;
  }

  /** Parses a 2xx body; a parse failure means the node sent something the API does not allow. */
  <T> T decode(BoundedBodyListener.Reply reply, String what, Function<byte[], T> parse) {
    try {
      return parse.apply(reply.body());
    } catch (WalrusException | IllegalArgumentException e) {
      throw invalid(reply.status(), "malformed " + what + ": " + e.getMessage());
    }
  }

  StorageNodeException invalid(int status, String message) {
    return StorageNodeException.synthetic(node, status, "INTERNAL", StorageNodeException.INVALID_RESPONSE, message, null);
  }

  private StorageNodeException errorAnswer(BoundedBodyListener.Reply reply) {
    try {
      return StorageNodeException.answered(node, reply.status(), ApiError.fromJson(reply.body()));
    } catch (ApiFormatException e) {
      String excerpt = new String(reply.body(), 0, Math.min(reply.body().length, 200), StandardCharsets.UTF_8);
      return StorageNodeException.synthetic(node, reply.status(), statusName(reply.status()),
          StorageNodeException.UNEXPECTED_HTTP_STATUS,
          "HTTP " + reply.status() + " without an API error body: " + excerpt.replaceAll("\\p{Cntrl}", "?"), null);
    }
  }

  private StorageNodeException failure(HttpMethod method, String path, Duration timeout, Throwable cause) {
    if (cause instanceof BoundedBodyListener.TooLargeException tooLarge) {
      return StorageNodeException.synthetic(node, tooLarge.status, "SIZE_EXCEEDED",
          StorageNodeException.RESPONSE_TOO_LARGE, method + " " + path + ": " + tooLarge.getMessage(), null);
    }
    if (cause instanceof TimeoutException) {
      return timeout(method, path, timeout, cause);
    }
    LOG.debug("{} {} {} failed", node, method, path, cause);
    Throwable tls = tlsFailure(cause);
    if (tls != null) {
      return StorageNodeException.synthetic(node, 0, "UNAVAILABLE", StorageNodeException.TLS_FAILED,
          "TLS with the node failed (" + method + " " + path + "): " + innermost(tls).getMessage(), cause);
    }
    String what = cause instanceof ConnectException || cause instanceof UnresolvedAddressException
        ? "cannot connect" : "connection failed";
    return StorageNodeException.synthetic(node, 0, "UNAVAILABLE", StorageNodeException.CONNECTION_FAILED,
        what + " (" + method + " " + path + "): " + cause, cause);
  }

  /** The TLS failure in {@code t}'s causes (a node presenting another key than its registered one, say), or null. */
  private static Throwable tlsFailure(Throwable t) {
    for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
        return t;
      }
    }
    return null;
  }

  private static Throwable innermost(Throwable t) {
    for (int depth = 0; t.getCause() != null && depth < 16; depth++) {
      t = t.getCause();
    }
    return t;
  }

  private StorageNodeException timeout(HttpMethod method, String path, Duration timeout, Throwable cause) {
    return StorageNodeException.synthetic(node, 0, "DEADLINE_EXCEEDED", StorageNodeException.TIMEOUT,
        method + " " + path + " got no complete answer within " + timeout.toMillis() + " ms", cause);
  }

  /** The API status class of an HTTP status (protocol.md §6), for answers without an error body. */
  static String statusName(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 413 -> "SIZE_EXCEEDED";
      case 416 -> "RANGE_NOT_SATISFIABLE";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 451 -> "UNAVAILABLE_FOR_LEGAL_REASONS";
      case 500 -> "INTERNAL";
      case 502, 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "UNKNOWN";
    };
  }
}
