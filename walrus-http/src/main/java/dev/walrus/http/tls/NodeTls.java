package dev.walrus.http.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Storage-node TLS for Jetty 12, compatible with Walrus: the server side (the node's REST API on
 * HTTPS with HTTP/2) and the client side (SDK, CLI and peer nodes pinning each node's registered
 * network key).
 */
public final class NodeTls {
  /** How often a certificate chain file is re-read (Walrus checks every 900 s and restarts). */
  public static final Duration CERTIFICATE_CHECK_INTERVAL = Duration.ofSeconds(60);

  /** The in-memory key store's password: it is never written anywhere, so it protects nothing. */
  private static final String KEY_STORE_PASSWORD = "in-memory";
  private static final String KEY_ALIAS = "network-key";

  private NodeTls() {}

  /**
   * The server's TLS context. Without a chain it serves the self-signed certificate a Walrus node
   * generates from its network key (CN and SAN {@code <gen>.network.walrus.alt}, SAN {@code
   * publicHost}). With a chain (a PEM file, leaf first, e.g. certbot's {@code fullchain.pem}) it
   * serves that chain, after checking that the leaf certifies the network key (clients accept
   * nothing else); the file is then re-read every {@link #CERTIFICATE_CHECK_INTERVAL} and a
   * changed, valid chain is swapped in without a restart. Keys and certificates stay in memory.
   *
   * @throws IllegalArgumentException if the chain does not parse or certifies another key
   * @throws IOException if the chain file cannot be read
   */
  public static SslContextFactory.Server serverContext(NetworkKeyPair key, String publicHost,
      Optional<Path> certificateChainPem) throws IOException {
    return serverContext(key, publicHost, certificateChainPem, CERTIFICATE_CHECK_INTERVAL, Clock.systemUTC());
  }

  static SslContextFactory.Server serverContext(NetworkKeyPair key, String publicHost,
      Optional<Path> certificateChainPem, Duration checkInterval, Clock clock) throws IOException {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePassword(KEY_STORE_PASSWORD);
    ssl.setKeyManagerPassword(KEY_STORE_PASSWORD);
    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
    if (certificateChainPem.isEmpty()) {
      ssl.setKeyStore(keyStore(key, List.of(NodeCertificates.selfSigned(key, publicHost))));
      return ssl;
    }
    Path file = certificateChainPem.get();
    byte[] content = CertificateFileWatcher.read(file);
    List<X509Certificate> chain;
    try {
      chain = NodeCertificates.parseChain(content);
      NodeCertificates.requireCertifies(chain, key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    CertificateFileWatcher.warnIfExpiring(chain, file, clock);
    ssl.setKeyStore(keyStore(key, chain));
    ssl.addBean(new CertificateFileWatcher(file, key, ssl, checkInterval, content, clock), true);
    return ssl;
  }

  /**
   * The client's TLS context: trusts a node iff it presents the key pinned for its address. The
   * JSSE endpoint identification (host name against the certificate's SAN) is off on purpose:
   * the pin is the identity, and a self-signed node certificate names its public host as
   * registered, which need not be the name or IP the client dialled. No client certificate.
   */
  public static SslContextFactory.Client clientContext(PinnedKeyTrustManager pins) {
    return clientContext(pins, null);
  }


  /** As above, offering exactly {@code alpn} by ALPN when not null (e.g. {@code http/1.1} alone). */
  static SslContextFactory.Client clientContext(X509ExtendedTrustManager trust, String[] alpn) {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS", e);
    }
    SslContextFactory.Client ssl = new SslContextFactory.Client() {
      /** Jetty warns when identification is off; here it is off by design (see above). */
      @Override
      protected void checkEndPointIdentificationAlgorithm() {}

      @Override
      public void customize(SSLEngine engine) {
        super.customize(engine);
        if (alpn != null) {
          SSLParameters parameters = engine.getSSLParameters();
          parameters.setApplicationProtocols(alpn);
          engine.setSSLParameters(parameters);
        }
      }
    };
    ssl.setEndpointIdentificationAlgorithm(null);
    ssl.setSslContext(context);
    return ssl;
  }

  /**
   * A JDK {@link java.net.http.HttpClient} trusting nodes by {@code pins}, for tools and tests that
   * make a few plain requests (metrics scrapes, raw bad input) and do not want Jetty's client.
   */
  public static java.net.http.HttpClient jdkHttpClient(PinnedKeyTrustManager pins) {
    return java.net.http.HttpClient.newBuilder().sslContext(clientContext(pins).getSslContext())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * An unstarted Jetty client for {@code https://} node URLs that speaks HTTP/2 where ALPN agrees
   * on it (every node serving walrus-http's HTTPS connector) and HTTP/1.1 otherwise, trusting nodes by
   * {@code pins}. Configure it like any {@link HttpClient} (executor, timeouts, connections per
   * destination), then start it.
   */
  public static HttpClient httpClient(PinnedKeyTrustManager pins) {
    return httpClient(pins, false);
  }

  /**
   * As above; with {@code http11} the client offers only {@code http/1.1} by ALPN and speaks
   * HTTP/1.1 over a pool of TLS connections per node. For bulk sliver traffic between two
   * walrus-java processes this costs less CPU than HTTP/2's framing, HPACK and flow control, and
   * spreads a node's requests over several sockets.
   */
  public static HttpClient httpClient(PinnedKeyTrustManager pins, boolean http11) {
    return httpClient((X509ExtendedTrustManager) pins, http11);
  }

  /**
   * An unstarted Jetty client trusting servers by {@code pins}, e.g. {@link
   * PinnedPeersTrustManager#anyOf} for the ledger's replicas, known by their keys rather than by a
   * CA; as {@link #httpClient(PinnedKeyTrustManager, boolean)} otherwise.
   */
  public static HttpClient httpClient(PinnedPeersTrustManager pins, boolean http11) {
    return httpClient((X509ExtendedTrustManager) pins, http11);
  }

  private static HttpClient httpClient(X509ExtendedTrustManager pins, boolean http11) {
    if (http11) {
      ClientConnector connector = new ClientConnector();
      connector.setSslContextFactory(clientContext(pins, new String[] {"http/1.1"}));
      return new HttpClient(new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11));
    }
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(clientContext(pins, null));
    HTTP2Client h2 = new HTTP2Client(connector);
    HttpClientTransportDynamic transport = new HttpClientTransportDynamic(connector,
        new ClientConnectionFactoryOverHTTP2.HTTP2(h2), HttpClientConnectionFactory.HTTP11);
    return new HttpClient(transport);
  }

  /**
   * Key managers presenting the self-signed certificate of {@code key} for {@code publicHost},
   * for transports that take JSSE managers rather than a Jetty context (Ratis's gRPC).
   */
  public static javax.net.ssl.KeyManager[] selfSignedKeyManagers(NetworkKeyPair key, String publicHost) {
    try {
      javax.net.ssl.KeyManagerFactory f =
          javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      f.init(keyStore(key, List.of(NodeCertificates.selfSigned(key, publicHost))), KEY_STORE_PASSWORD.toCharArray());
      return f.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build key managers for the network key", e);
    }
  }

  /** A PKCS#12 key store in memory holding the network key and its chain. */
  static KeyStore keyStore(NetworkKeyPair key, List<X509Certificate> chain) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(KEY_ALIAS, key.privateKey(), KEY_STORE_PASSWORD.toCharArray(),
          chain.toArray(new X509Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the in-memory key store", e);
    }
  }
}
