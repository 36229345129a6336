package dev.walrus.http.tls;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS within a fixed group (the ledger's Raft replicas): each member has a P-256 key in
 * the group's configuration, and a connection in either direction is trusted iff the other end's
 * leaf certificate carries one of those keys. A member reached at a configured address must show
 * that member's key; a connecting member (whose source port says nothing) may show any member's
 * key, since membership is all a replica checks before Raft's own group and peer IDs apply.
 *
 * <p>As with {@link PinnedKeyTrustManager}, only the key counts: the handshake proves the peer
 * holds its private key, so issuer, names and dates are not checked. Immutable and thread-safe.
 */
public final class PinnedPeersTrustManager extends X509ExtendedTrustManager {
  private final Map<String, byte[]> byAddress = new HashMap<>();
  private final List<byte[]> keys;
  private final String group;

  /**
   * @param group what the members are, for error messages (e.g. "ledger replica")
   * @param members each member's {@code host:port} and 33-byte compressed key
   * @throws IllegalArgumentException if an address or a key is malformed
   */
  public PinnedPeersTrustManager(String group, Map<String, byte[]> members) {
    this.group = group;
    for (Map.Entry<String, byte[]> m : members.entrySet()) {
      byte[] key = m.getValue().clone();
      P256.decompress(key); // refuses what is not a P-256 point
      byAddress.put(PinnedKeyTrustManager.NodeAddress.normalize(m.getKey()), key);
    }
    this.keys = List.copyOf(byAddress.values());
  }

  /**
   * Trusts a server iff it presents one of {@code keys}, whatever address it was dialled at: for
   * clients of a replica group (the ledger API over HTTPS), where every member is as good as any
   * other and the addresses in use (a load balancer, a changed IP) need not be configured.
   */
  public static PinnedPeersTrustManager anyOf(String group, java.util.Collection<byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no " + group + " key to trust");
    }
    return new PinnedPeersTrustManager(group, Map.of(), List.copyOf(keys));
  }

  private PinnedPeersTrustManager(String group, Map<String, byte[]> byAddress, List<byte[]> keys) {
    this.group = group;
    this.byAddress.putAll(byAddress);
    for (byte[] k : keys) {
      P256.decompress(k.clone()); // refuses what is not a P-256 point
    }
    this.keys = keys.stream().map(byte[]::clone).toList();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    String address = engine == null ? null
        : PinnedKeyTrustManager.NodeAddress.ofPeer(engine.getPeerHost(), engine.getPeerPort());
    byte[] expected = address == null ? null : byAddress.get(address);
    if (expected == null) {
      requireMember(chain, "the " + group + " at " + address);
      return;
    }
    byte[] presented = presented(chain, address);
    if (!MessageDigest.isEqual(presented, expected)) {
      throw new CertificateException("the " + group + " at " + address + " presented TLS "
          + NodeCertificates.describe(presented, chain[0]) + ", but its configured key is "
          + NodeCertificates.base64(expected));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    requireMember(chain, "a " + group);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    requireMember(chain, "a " + group);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    requireMember(chain, "a connecting " + group);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    requireMember(chain, "a connecting " + group);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    requireMember(chain, "a connecting " + group);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private void requireMember(X509Certificate[] chain, String who) throws CertificateException {
    byte[] presented = presented(chain, who);
    for (byte[] k : keys) {
      if (MessageDigest.isEqual(presented, k)) {
        return;
      }
    }
    throw new CertificateException(who + " presented TLS " + NodeCertificates.describe(presented, chain[0])
        + ", which is not the key of any configured " + group);
  }

  private static byte[] presented(X509Certificate[] chain, String who) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException(who + " presented no TLS certificate");
    }
    byte[] presented = P256.compressedOrNull(chain[0].getPublicKey());
    if (presented == null) {
      throw new CertificateException(who + " presented TLS " + NodeCertificates.describe(null, chain[0]));
    }
    return presented;
  }
}
