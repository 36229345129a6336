package dev.walrus.bench;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedKeyTrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads single values from a Prometheus endpoint ({@code GET /metrics}) of a storage node or a ledger replica. */
final class NodeMetrics implements AutoCloseable {
  private final HttpClient http;
  private final URI uri;

  private NodeMetrics(HttpClient http, URI uri) {
    this.http = http;
    this.uri = uri;
  }

  /** A ledger replica's metrics, over plain HTTP at {@code host:port}. */
  static NodeMetrics ofLedger(String authority) {
    return new NodeMetrics(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        URI.create("http://" + authority + "/metrics"));
  }

  /** A storage node's metrics, over HTTPS, trusting the node by its registered network key. */
  static NodeMetrics ofNode(CommitteeView.Member member) {
    PinnedKeyTrustManager pins = new PinnedKeyTrustManager();
    pins.pin(member.networkAddress(), member.networkPublicKey());
    return new NodeMetrics(NodeTls.jdkHttpClient(pins), URI.create("https://" + member.networkAddress() + "/metrics"));
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
