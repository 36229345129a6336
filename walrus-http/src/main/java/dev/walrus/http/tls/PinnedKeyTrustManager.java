package dev.walrus.http.tls;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a storage node's TLS certificate iff it certifies the network key registered for that
 * node on the ledger, as Walrus clients do: the node is looked up by the address the connection
 * was opened to ({@code host:port}, its registered network address), and the leaf certificate's
 * public key must equal the pinned 33-byte key.
 *
 * <p>Pinning is by key, not by issuer, name or date, so a self-signed certificate, a CA-issued one
 * (certbot with {@code --reuse-key}) and an expired one are all accepted when the key matches
 * (Walrus also tolerates expiry by default). No signature on the certificate is checked: the TLS
 * handshake itself proves the server holds the private key of the leaf's public key, which is all
 * the pin asks. A node with no pin is refused, and so is every client certificate (this is a
 * client-side trust manager only).
 *
 * <p>Thread-safe. The pin table is bounded: adding a new address beyond {@code maxPins} fails.
 */
public final class PinnedKeyTrustManager extends X509ExtendedTrustManager {
  /** Committees have hundreds of nodes; this leaves room for several epochs' worth of addresses. */
  public static final int DEFAULT_MAX_PINS = 10_000;

  private final int maxPins;
  private final Map<String, byte[]> pins = new ConcurrentHashMap<>();

  public PinnedKeyTrustManager() {
    this(DEFAULT_MAX_PINS);
  }

  public PinnedKeyTrustManager(int maxPins) {
    if (maxPins < 1) {
      throw new IllegalArgumentException("maxPins must be at least 1");
    }
    this.maxPins = maxPins;
  }

  /**
   * Pins (or re-pins) the node at {@code networkAddress} ({@code host:port} as registered; an IPv6
   * host in brackets) to its 33-byte compressed network key.
   *
   * @throws IllegalArgumentException if the address or the key is malformed
   * @throws IllegalStateException if the address is new and {@code maxPins} are already pinned
   */
  public void pin(String networkAddress, byte[] networkPublicKey) {
    String address = NodeAddress.normalize(networkAddress);
    byte[] current = pins.get(address);
    if (current != null && java.util.Arrays.equals(current, networkPublicKey)) {
      return; // the common case: clients re-pin the same key on every request to a node
    }
    byte[] key = networkPublicKey.clone();
    P256.decompress(key);
    synchronized (pins) {
      if (!pins.containsKey(address) && pins.size() >= maxPins) {
        throw new IllegalStateException("cannot pin " + address + ": already " + maxPins + " nodes pinned");
      }
      pins.put(address, key);
    }
  }

  /** Forgets the node at {@code networkAddress}; connections to it are refused from now on. */
  public void unpin(String networkAddress) {
    synchronized (pins) {
      pins.remove(NodeAddress.normalize(networkAddress));
    }
  }

  /** The key pinned for {@code networkAddress}, if any. */
  public Optional<byte[]> pinned(String networkAddress) {
    return Optional.ofNullable(pins.get(NodeAddress.normalize(networkAddress))).map(byte[]::clone);
  }

  public int size() {
    return pins.size();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, NodeAddress.ofPeer(engine.getPeerHost(), engine.getPeerPort()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    String host = null;
    int port = -1;
    if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof SSLSession session) {
      host = session.getPeerHost();
      port = session.getPeerPort();
    }
    if ((host == null || port <= 0) && socket != null && socket.getInetAddress() != null) {
      host = socket.getInetAddress().getHostAddress();
      port = socket.getPort();
    }
    verify(chain, NodeAddress.ofPeer(host, port));
  }

  /** Without the connection there is no address to look the pin up by. */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a pinned node key needs the connection's address; use an SSLEngine or SSLSocket");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw noClientCertificates();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw noClientCertificates();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw noClientCertificates();
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private void verify(X509Certificate[] chain, String address) throws CertificateException {
    if (address == null) {
      throw new CertificateException("cannot tell which storage node this connection is to (no peer host and port)");
    }
    byte[] expected = pins.get(address);
    if (expected == null) {
      throw new CertificateException("no network key is pinned for " + address
          + ": it is not the registered address of a known storage node");
    }
    if (chain == null || chain.length == 0) {
      throw new CertificateException("node at " + address + " presented no TLS certificate");
    }
    byte[] presented = P256.compressedOrNull(chain[0].getPublicKey());
    if (presented == null || !MessageDigest.isEqual(presented, expected)) {
      throw new CertificateException("node at " + address + " presented TLS "
          + NodeCertificates.describe(presented, chain[0]) + ", but its registered network key is "
          + NodeCertificates.base64(expected));
    }
  }

  private static CertificateException noClientCertificates() {
    return new CertificateException("storage-node TLS does not use client certificates");
  }

  /** Network addresses as map keys: lowercase host, IPv6 in brackets, then the port. */
  static final class NodeAddress {
    private NodeAddress() {}

    static String normalize(String networkAddress) {
      if (networkAddress == null) {
        throw new IllegalArgumentException("no network address");
      }
      int colon = networkAddress.lastIndexOf(':');
      if (colon <= 0 || colon == networkAddress.length() - 1) {
        throw new IllegalArgumentException("network address '" + networkAddress + "' is not host:port");
      }
      String host = networkAddress.substring(0, colon);
      if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
        throw new IllegalArgumentException("network address '" + networkAddress + "': put an IPv6 host in brackets");
      }
      int port;
      try {
        port = Integer.parseInt(networkAddress.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("network address '" + networkAddress + "' has no valid port");
      }
      String key = ofPeer(host, port);
      if (key == null) {
        throw new IllegalArgumentException("network address '" + networkAddress + "' has an empty host");
      }
      return key;
    }

    /** The map key for a connection's peer, or null if the host or port is unknown. */
    static String ofPeer(String host, int port) {
      if (host == null || port < 1 || port > 65535) {
        return null;
      }
      String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      if (bare.isEmpty()) {
        return null;
      }
      bare = bare.toLowerCase(Locale.ROOT);
      return (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port;
    }
  }
}
