package dev.walrus.ledger.client;

import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedPeersTrustManager;
import dev.walrus.ledger.api.ErrorResponse;
import dev.walrus.ledger.api.LedgerJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import tools.jackson.core.JacksonException;

/**
 * The replicas a client talks to, with fail-over: requests go to the replica that last answered;
 * when it cannot be reached or says it is unavailable ({@code 502}, {@code 503}), the next one is
 * tried, each at most once per request.
 */
final class Endpoints implements AutoCloseable {
  /** Largest response body accepted (an account with many objects, a page of events). */
  private static final int MAX_RESPONSE_BYTES = 32 << 20;

  private final List<URI> urls;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final AtomicInteger preferred = new AtomicInteger();

  Endpoints(List<URI> urls, Duration connectTimeout, Duration requestTimeout, int maxConnections,
      PinnedPeersTrustManager replicaTrust) {
    this.urls = List.copyOf(urls);
    this.requestTimeout = requestTimeout;
    // HTTPS trusting exactly the replicas' keys (and plain HTTP where a URL says so), or Jetty's
    // default client (the JDK's CAs) when no keys are pinned.
    this.client = replicaTrust == null ? new HttpClient() : NodeTls.httpClient(replicaTrust, true);
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setName("ledger-client");
    client.setExecutor(pool);
    client.setConnectTimeout(connectTimeout.toMillis());
    client.setMaxConnectionsPerDestination(maxConnections);
    client.setMaxRequestsQueuedPerDestination(1 << 16);
    client.setFollowRedirects(false);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client", e);
    }
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  HttpClient client() {
    return client;
  }

  /** The replica to try first, then the others in order. */
  List<URI> rotation() {
    int start = preferred.get();
    List<URI> out = new ArrayList<>(urls.size());
    for (int i = 0; i < urls.size(); i++) {
      out.add(urls.get((start + i) % urls.size()));
    }
    return out;
  }

  /** Remembers that {@code url} answered, so it is tried first next time. */
  void answered(URI url) {
    preferred.set(urls.indexOf(url));
  }

  <T> T get(String pathAndQuery, Class<T> type) {
    return get(pathAndQuery, type, requestTimeout);
  }

  <T> T get(String pathAndQuery, Class<T> type, Duration timeout) {
    return call(HttpMethod.GET, pathAndQuery, null, type, timeout);
  }

  <T> T post(String pathAndQuery, byte[] body, Class<T> type, Duration timeout) {
    return call(HttpMethod.POST, pathAndQuery, body, type, timeout);
  }

  private <T> T call(HttpMethod method, String pathAndQuery, byte[] body, Class<T> type, Duration timeout) {
    List<String> failures = new ArrayList<>();
    LedgerClientException lastTyped = null;
    for (URI base : rotation()) {
      Request request = client.newRequest(base.resolve(pathAndQuery)).method(method)
          .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (body != null) {
        request.body(new BytesRequestContent("application/octet-stream", body));
      }
      ContentResponse response;
      try {
        response = new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LedgerClientException(0, "CANCELLED", "INTERRUPTED", "interrupted while waiting for " + base);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException && method == HttpMethod.POST) {
          throw new LedgerClientException(0, "DEADLINE_EXCEEDED", "CLIENT_TIMEOUT",
              base + " did not answer within " + timeout.toSeconds() + " s; the transaction may still be executed", cause);
        }
        failures.add(base + ": " + describe(cause));
        continue;
      }
      int status = response.getStatus();
      if (status / 100 == 2) {
        answered(base);
        return decode(base, response.getContent(), type);
      }
      LedgerClientException error = error(base, response);
      if (status == 502 || status == 503) {
        failures.add(base + ": " + error.getMessage());
        lastTyped = error;
        continue;
      }
      answered(base);
      throw error;
    }
    String message = "no ledger replica could serve the request (" + String.join("; ", failures) + ")";
    if (lastTyped != null) {
      throw new LedgerClientException(lastTyped.httpCode(), lastTyped.status(), lastTyped.reason(), message);
    }
    throw new LedgerClientException(0, "UNAVAILABLE", "UNREACHABLE", message);
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m != null ? " " + m : "");
  }

  private static <T> T decode(URI base, byte[] content, Class<T> type) {
    try {
      return LedgerJson.mapper().readValue(content, type);
    } catch (JacksonException e) {
      throw new LedgerClientException(0, "INTERNAL", "BAD_RESPONSE",
          base + " sent a response that is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The typed error of a non-2xx response; a generic one if the body is not the error JSON. */
  static LedgerClientException error(URI base, org.eclipse.jetty.client.Response response, byte[] content) {
    try {
      ErrorResponse e = LedgerJson.mapper().readValue(content, ErrorResponse.class);
      if (e != null && e.error() != null) {
        return LedgerClientException.of(e);
      }
    } catch (JacksonException ignored) {
      // Not from the ledger (a proxy, another service): described below.
    }
    return new LedgerClientException(response.getStatus(), "UNKNOWN", "HTTP_" + response.getStatus(),
        base + " answered HTTP " + response.getStatus() + " " + response.getReason());
  }

  private static LedgerClientException error(URI base, ContentResponse response) {
    return error(base, response, response.getContent());
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP client", e);
    }
  }
}
