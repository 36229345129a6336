package dev.walrus.local;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small Jetty HTTP client for tests of the daemon: requests as curl would send them. */
final class Http implements AutoCloseable {
  private static final int MAX_BODY = 16 << 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = new HttpClient();
  private final URI base;

  Http(URI base) throws Exception {
    this.base = base;
    client.setMaxConnectionsPerDestination(64);
    client.start();
  }

  Request request(String method, String pathAndQuery) {
    return client.newRequest(base.resolve(pathAndQuery)).method(HttpMethod.fromString(method))
        .timeout(2, TimeUnit.MINUTES);
  }

  ContentResponse send(Request request) throws Exception {
    org.eclipse.jetty.client.CompletableResponseListener listener =
        new org.eclipse.jetty.client.CompletableResponseListener(request, MAX_BODY);
    return listener.send().get(2, TimeUnit.MINUTES);
  }

  ContentResponse get(String pathAndQuery) throws Exception {
    return send(request("GET", pathAndQuery));
  }

  /** {@code curl -X PUT "$PUBLISHER/<path>" --upload-file f} */
  ContentResponse put(String pathAndQuery, byte[] body) throws Exception {
    return send(request("PUT", pathAndQuery).body(new BytesRequestContent("application/octet-stream", body)));
  }

  /** The body as JSON. */
  static JsonNode json(ContentResponse r) {
    return JSON.readTree(r.getContent());
  }

  /** The reason of an AIP-193 error body. */
  static String reason(ContentResponse r) {
    return json(r).path("error").path("details").path(0).path("reason").asString();
  }

  HttpClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}
