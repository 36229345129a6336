package dev.walrus.node.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedKeyTrustManager;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * One HTTPS client for talking to many storage nodes: a single Jetty {@link HttpClient} (its own
 * connection pools per node, virtual threads, HTTP/2 where the node offers it) shared by every
 * {@link StorageNodeClient} it hands out, so a writer fanning out to a whole committee reuses
 * connections instead of opening new ones per request. Thread-safe; close it to release all
 * connections.
 *
 * <p>Nodes are trusted by key, as in Walrus: {@link #forNode} pins the network public key
 * registered on the ledger for the node's address, and a node presenting any other key in its
 * TLS certificate is refused before a byte of the request is sent (self-signed, CA-issued or
 * expired certificates are all fine if the key matches).
 */
public final class StorageNodeClients implements AutoCloseable {
  private final HttpClient http;
  private final PinnedKeyTrustManager pins = new PinnedKeyTrustManager();
  private final Limits limits;

  /** Per-request settings every node client starts with. */
  record Limits(
      Duration requestTimeout, int maxJsonResponseBytes, int maxBinaryResponseBytes, int maxSyncShardResponseBytes) {}

  private StorageNodeClients(Builder b) {
    this.limits = new Limits(
        b.requestTimeout, b.maxJsonResponseBytes, b.maxBinaryResponseBytes, b.maxSyncShardResponseBytes);
    this.http = NodeTls.httpClient(pins, true);
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setName("storage-node-client");
    http.setExecutor(pool);
    http.setConnectTimeout(b.connectTimeout.toMillis());
    http.setIdleTimeout(b.idleTimeout.toMillis());
    http.setMaxConnectionsPerDestination(b.maxConnectionsPerNode);
    http.setMaxRequestsQueuedPerDestination(b.maxQueuedRequestsPerNode);
    http.setFollowRedirects(false);
    http.setUserAgentField(null);
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the storage-node HTTP client", e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A pool with the default settings. */
  public static StorageNodeClients create() {
    return builder().build();
  }

  /**
   * The client of the node at {@code networkAddress}, {@code host:port} as registered on the
   * ledger (an IPv6 host in brackets), whose registered network public key (33-byte compressed
   * P-256) is {@code networkPublicKey}; requests go to {@code https://host:port/v1/…}. Re-pins the
   * address when its key changed on the ledger.
   *
   * @throws IllegalArgumentException for an address that is not {@code host:port} or a key that is
   *     not a P-256 point
   */
  public StorageNodeClient forNode(String networkAddress, byte[] networkPublicKey) {
    String base = baseUrl(networkAddress);
    pins.pin(networkAddress, networkPublicKey);
    return new StorageNodeClient(http, networkAddress, base, limits);
  }

  static String baseUrl(String networkAddress) {
    Objects.requireNonNull(networkAddress, "networkAddress");
    URI uri;
    try {
      uri = new URI("https://" + networkAddress);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid node address '" + networkAddress + "': " + e.getMessage());
    }
    if (uri.getHost() == null || uri.getPort() <= 0 || uri.getPort() > 65535
        || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("invalid node address '" + networkAddress + "': expected host:port");
    }
    return "https://" + uri.getRawAuthority();
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the storage-node HTTP client", e);
    }
  }

  /**
   * Settings. Defaults: connect 5 s, idle 30 s, request 30 s, 32 connections per node, responses
   * up to 4 MiB of JSON, 64 MiB for metadata, slivers and symbols (a sliver of a 1000-shard
   * network is at most ≈ 44 MB), 512 MiB for a sync-shard batch.
   */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxConnectionsPerNode = 32;
    private int maxQueuedRequestsPerNode = 16_384;
    private int maxJsonResponseBytes = 4 << 20;
    private int maxBinaryResponseBytes = 64 << 20;
    private int maxSyncShardResponseBytes = 512 << 20;

    private Builder() {}

    public Builder connectTimeout(Duration d) {
      connectTimeout = positive(d, "connect timeout");
      return this;
    }

    public Builder idleTimeout(Duration d) {
      idleTimeout = positive(d, "idle timeout");
      return this;
    }

    /** The default timeout of a whole request, response body included. */
    public Builder requestTimeout(Duration d) {
      requestTimeout = positive(d, "request timeout");
      return this;
    }

    public Builder maxConnectionsPerNode(int n) {
      maxConnectionsPerNode = atLeastOne(n, "connections per node");
      return this;
    }

    /** Requests waiting for a connection to a node beyond this are refused at once. */
    public Builder maxQueuedRequestsPerNode(int n) {
      maxQueuedRequestsPerNode = atLeastOne(n, "queued requests per node");
      return this;
    }

    public Builder maxJsonResponseBytes(int n) {
      maxJsonResponseBytes = atLeastOne(n, "JSON response size");
      return this;
    }

    /** The largest metadata, sliver or symbols response accepted. */
    public Builder maxBinaryResponseBytes(int n) {
      maxBinaryResponseBytes = atLeastOne(n, "binary response size");
      return this;
    }

    public Builder maxSyncShardResponseBytes(int n) {
      maxSyncShardResponseBytes = atLeastOne(n, "sync-shard response size");
      return this;
    }

    public StorageNodeClients build() {
      return new StorageNodeClients(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }

    private static int atLeastOne(int n, String what) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + n);
      }
      return n;
    }
  }
}
