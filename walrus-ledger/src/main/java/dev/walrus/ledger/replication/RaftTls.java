package dev.walrus.ledger.replication;

import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedPeersTrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raft between replicas over mutual TLS pinned to the keys in the replica configuration: each
 * replica presents a self-signed certificate of its P-256 key (as storage nodes do with their
 * network keys), and accepts a peer only if the peer's certificate carries a configured key — the
 * key configured for that address when it dials out. Ratis's gRPC transport carries the TLS.
 */
final class RaftTls {
  private static final Logger LOG = LoggerFactory.getLogger(RaftTls.class);

  private RaftTls() {}

  /** The Ratis parameters that turn mutual TLS on, or empty when the configuration has no {@code tls}. */
  static Optional<Parameters> parameters(ReplicaConfig config) throws IOException {
    if (config.tls() == null) {
      if (config.peers().size() > 1) {
        LOG.warn("Raft traffic between the {} replicas is unauthenticated plain text: add tls.keyFile and every "
            + "peer's raftKey to the replica configurations (walrus ledger genesis --replicas writes them)",
            config.peers().size());
      }
      return Optional.empty();
    }
    NetworkKeyPair key = NetworkKeyPair.load(Path.of(config.tls().keyFile()));
    byte[] configured = ReplicaConfig.raftKeyBytes(config.self());
    if (!MessageDigest.isEqual(configured, key.publicKeyBytes())) {
      throw new IllegalArgumentException("tls.keyFile " + config.tls().keyFile() + " holds the key "
          + Base64.getEncoder().encodeToString(key.publicKeyBytes()) + ", but this replica's raftKey in peers is "
          + config.self().raftKey());
    }
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (ReplicaConfig.Peer p : config.peers()) {
      members.put(p.raftAddress(), ReplicaConfig.raftKeyBytes(p));
    }
    String host = config.self().raftAddress().substring(0, config.self().raftAddress().lastIndexOf(':'));
    GrpcTlsConfig tls = new GrpcTlsConfig(NodeTls.selfSignedKeyManagers(key, host)[0],
        new PinnedPeersTrustManager("ledger replica", members), true);
    Parameters parameters = new Parameters();
    GrpcConfigKeys.TLS.setConf(parameters, tls);
    GrpcConfigKeys.Server.setTlsConf(parameters, tls);
    GrpcConfigKeys.Client.setTlsConf(parameters, tls);
    GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
    LOG.info("Raft over mutual TLS with {} pinned replica keys", members.size());
    return Optional.of(parameters);
  }
}
