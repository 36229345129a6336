package dev.walrus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads single values from a storage node's Prometheus endpoint ({@code GET /metrics}). */
final class NodeMetrics implements AutoCloseable {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI uri;

  NodeMetrics(String networkAddress) {
    this.uri = URI.create("http://" + networkAddress + "/metrics");
  }

  /** The current text exposition. */
  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(uri + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** The value of the unlabelled sample {@code name} in {@code exposition}, 0 if absent. */
  static double value(String exposition, String name) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    http.close();
  }
}
