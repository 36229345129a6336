package dev.walrus.ledger;

import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedPeersTrustManager;
import dev.walrus.ledger.replication.ReplicaConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The client API over HTTPS, keyed like everything else in the network: a replica whose {@code
 * apiUrl} is {@code https://} presents a certificate of its replica key (the one Raft's mutual
 * TLS uses), self-signed or CA-issued; clients pin the group's keys. A follower forwarding a
 * submission to the leader's {@code https://} API pins the leader's configured key the same way.
 */
final class ApiTls {
  private ApiTls() {}

  /** The HTTPS context of this replica's API, or null when its {@code apiUrl} is plain HTTP. */
  static SslContextFactory.Server serverContext(ReplicaConfig config) throws IOException {
    if (!config.servesHttps()) {
      return null;
    }
    NetworkKeyPair key = NetworkKeyPair.load(Path.of(config.tls().keyFile()));
    String host = URI.create(config.self().apiUrl()).getHost();
    return NodeTls.serverContext(key, host,
        Optional.ofNullable(config.tls().apiCertificateFile()).map(Path::of));
  }

  /**
   * The client a follower forwards submissions with: HTTP/1.1, and for {@code https://} peers TLS
   * trusting each peer's configured key at its API address and nothing else.
   */
  static HttpClient forwardingClient(ReplicaConfig config) {
    Map<String, byte[]> keysByApiAddress = new LinkedHashMap<>();
    for (ReplicaConfig.Peer p : config.peers()) {
      URI api = URI.create(p.apiUrl());
      if (api.getScheme().equals("https")) {
        keysByApiAddress.put(api.getHost() + ":" + api.getPort(), ReplicaConfig.raftKeyBytes(p));
      }
    }
    if (keysByApiAddress.isEmpty()) {
      return new HttpClient();
    }
    return NodeTls.httpClient(new PinnedPeersTrustManager("ledger replica", keysByApiAddress), true);
  }
}
