package dev.walrus.bench;

import dev.walrus.core.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.PathRequestContent;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores and reads through the publisher/aggregator daemon, as an HTTP user would: {@code PUT
 * /v1/blobs} with the body streamed from the file, {@code GET /v1/blobs/{id}} streamed to a file.
 * Neither side holds the blob in this JVM's heap.
 */
final class DaemonTransport implements BlobTransport {
  /** Longer than any store of a benchmark blob may take on a loaded machine. */
  private static final long TIMEOUT_MINUTES = 10;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI daemon;
  private final HttpClient http = new HttpClient();

  DaemonTransport(String daemonUrl) throws IOException {
    this.daemon = URI.create(daemonUrl.endsWith("/") ? daemonUrl : daemonUrl + "/");
    http.setIdleTimeout(TimeUnit.MINUTES.toMillis(TIMEOUT_MINUTES));
    try {
      http.start();
    } catch (Exception e) {
      throw new IOException("cannot start the HTTP client", e);
    }
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public BlobId store(Path file, int epochs) throws IOException {
    ContentResponse response;
    try {
      response = http.newRequest(daemon.resolve("v1/blobs?epochs=" + epochs)).method(HttpMethod.PUT)
          .body(new PathRequestContent("application/octet-stream", file))
          .timeout(TIMEOUT_MINUTES, TimeUnit.MINUTES).send();
    } catch (InterruptedException | TimeoutException | ExecutionException e) {
      throw new IOException("PUT " + daemon + "v1/blobs failed: " + e, e);
    }
    String body = response.getContentAsString();
    if (response.getStatus() != 200) {
      throw new IOException("PUT " + daemon + "v1/blobs answered " + response.getStatus() + ": " + body);
    }
    JsonNode created = JSON.readTree(body).path("newlyCreated");
    // A fresh random blob is new to the network: anything else means no upload was timed.
    if (created.isMissingNode()) {
      throw new IllegalStateException("the daemon did not newly create the blob: " + body);
    }
    return BlobId.parse(created.path("blobObject").path("blobId").asString());
  }

  @Override
  public void read(BlobId blobId, Path out) throws IOException {
    URI uri = daemon.resolve("v1/blobs/" + blobId);
    InputStreamResponseListener listener = new InputStreamResponseListener();
    http.newRequest(uri).timeout(TIMEOUT_MINUTES, TimeUnit.MINUTES).send(listener);
    Response response;
    try {
      response = listener.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException | TimeoutException | ExecutionException e) {
      throw new IOException("GET " + uri + " failed: " + e, e);
    }
    try (InputStream in = listener.getInputStream()) {
      if (response.getStatus() != 200) {
        throw new IOException("GET " + uri + " answered " + response.getStatus() + ": "
            + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      try (OutputStream file = Files.newOutputStream(out)) {
        in.transferTo(file);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      http.stop();
    } catch (Exception e) {
      throw new IOException("cannot stop the HTTP client", e);
    }
  }
}
