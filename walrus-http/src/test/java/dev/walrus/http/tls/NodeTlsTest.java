package dev.walrus.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes over loopback: a Jetty server from {@link NodeTls} and pinned clients. */
class NodeTlsTest {
  private final NetworkKeyPair key = NetworkKeyPair.generate();
  private final PinnedKeyTrustManager pins = new PinnedKeyTrustManager();
  private final java.util.ArrayList<AutoCloseable> open = new java.util.ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  @Test
  void selfSignedCertificateIsAcceptedWhenPinnedAndServesHttp2() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    pins.pin(server.address(), key.publicKeyBytes());
    ContentResponse response = client().GET(server.url());
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(response.getContentAsString()).isEqualTo("HTTP/2.0");
    assertThat(response.getHeaders().get(TlsTestServer.ALPN_HEADER)).isEqualTo("h2");
  }

  @Test
  void plainHttpToTheHttpsPortGetsAClearErrorAndNothingInTheClear() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("\"reason\":\"PLAIN_HTTP_TO_HTTPS_PORT\"")
          .contains("this port speaks HTTPS only").doesNotContainIgnoringCase(TlsTestServer.ALPN_HEADER);
    }
    // TLS on the same port is unaffected.
    pins.pin(server.address(), key.publicKeyBytes());
    assertThat(client().GET(server.url()).getStatus()).isEqualTo(200);
  }

  @Test
  void caIssuedCertificateOfTheNetworkKeyIsAccepted() throws Exception {
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate leaf = ca.issue(key.publicKey(), "node.example", Instant.now().minusSeconds(60),
        Instant.now().plusSeconds(86_400 * 90));
    TlsTestServer server = serve(NodeTls.serverContext(key, "node.example",
        Optional.of(write("fullchain.pem", List.of(leaf, ca.certificate())))));
    pins.pin(server.address(), key.publicKeyBytes());
    assertThat(client().GET(server.url()).getContentAsString()).isEqualTo("HTTP/2.0");
    assertThat(servedCertificate(server)).isEqualTo(leaf);
  }

  @Test
  void expiredCertificateWithTheRightKeyIsAccepted() throws Exception {
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate expired = ca.issue(key.publicKey(), "node.example", Instant.parse("2020-01-01T00:00:00Z"),
        Instant.parse("2021-01-01T00:00:00Z"));
    TlsTestServer server = serve(NodeTls.serverContext(key, "node.example",
        Optional.of(write("expired.pem", List.of(expired, ca.certificate())))));
    pins.pin(server.address(), key.publicKeyBytes());
    assertThat(client().GET(server.url()).getStatus()).isEqualTo(200);
  }

  @Test
  void aValidCertificateWithTheWrongKeyIsRejectedWithBothKeysNamed() throws Exception {
    NetworkKeyPair impostor = NetworkKeyPair.generate();
    TlsTestServer server = serve(NodeTls.serverContext(impostor, "127.0.0.1", Optional.empty()));
    pins.pin(server.address(), key.publicKeyBytes());
    assertThatThrownBy(() -> client().GET(server.url()))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("node at " + server.address() + " presented TLS key "
            + NodeCertificates.base64(impostor.publicKeyBytes()) + ", but its registered network key is "
            + NodeCertificates.base64(key.publicKeyBytes()));
  }

  @Test
  void anUnpinnedAddressIsRejected() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    pins.pin("127.0.0.1:1", key.publicKeyBytes());
    assertThatThrownBy(() -> client().GET(server.url()))
        .hasRootCauseMessage("no network key is pinned for " + server.address()
            + ": it is not the registered address of a known storage node");
  }

  @Test
  void http11IsServedWhenAlpnOffersOnlyIt() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    pins.pin(server.address(), key.publicKeyBytes());
    try (SSLSocket socket = socket(server, "http/1.1")) {
      assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
      OutputStream out = socket.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: " + server.address() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 200").endsWith("HTTP/1.1");
    }
  }

  @Test
  void theHelperClientFallsBackToHttp11() throws Exception {
    TlsTestServer server = new TlsTestServer(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()), true);
    open.add(server);
    pins.pin(server.address(), key.publicKeyBytes());
    ContentResponse response = client().GET(server.url());
    assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    assertThat(response.getHeaders().get(TlsTestServer.ALPN_HEADER)).isEqualTo("http/1.1");
  }

  @Test
  void aClientSendingNoAlpnGetsHttp2LikeWalrusClients() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    pins.pin(server.address(), key.publicKeyBytes());

    // Jetty's HTTP/2 client with prior knowledge and ALPN off, as reqwest does over rustls.
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(NodeTls.clientContext(pins));
    HTTP2Client h2 = new HTTP2Client(connector);
    h2.setUseALPN(false);
    HttpClient priorKnowledge = started(new HttpClient(new HttpClientTransportOverHTTP2(h2)));
    ContentResponse response = priorKnowledge.GET(server.url());
    assertThat(response.getContentAsString()).isEqualTo("HTTP/2.0");
    assertThat(response.getHeaders().get(TlsTestServer.ALPN_HEADER)).as("server saw no ALPN").isEmpty();

    // At the byte level: no ALPN offered, the HTTP/2 preface sent, and the server answers with
    // an HTTP/2 SETTINGS frame, not an HTTP/1.1 error.
    try (SSLSocket socket = socket(server)) {
      assertThat(socket.getApplicationProtocol()).isEmpty();
      OutputStream out = socket.getOutputStream();
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[9];
      in.readFully(header);
      assertThat(header[3]).as("frame type SETTINGS").isEqualTo((byte) 4);
      assertThat(header[4] & 1).as("not an ACK").isZero();
    }
  }

  @Test
  void theHelperClientWorksConfiguredLikeStorageNodeClients() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    pins.pin(server.address(), key.publicKeyBytes());
    HttpClient http = NodeTls.httpClient(pins);
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setName("storage-node-client-test");
    http.setExecutor(pool);
    http.setConnectTimeout(5_000);
    http.setIdleTimeout(30_000);
    http.setMaxConnectionsPerDestination(4);
    http.setFollowRedirects(false);
    started(http);
    for (int i = 0; i < 5; i++) {
      assertThat(http.GET(server.url()).getVersion()).isEqualTo(HttpVersion.HTTP_2);
    }
  }

  @Test
  void theSocketVariantOfThePinCheckWorksToo() throws Exception {
    TlsTestServer server = serve(NodeTls.serverContext(key, "127.0.0.1", Optional.empty()));
    pins.pin(server.address(), key.publicKeyBytes());
    try (SSLSocket socket = socket(server)) {
      assertThat(socket.getSession().getPeerCertificates()).hasSize(1);
    }
    pins.pin(server.address(), NetworkKeyPair.generate().publicKeyBytes());
    assertThatThrownBy(() -> socket(server).close())
        .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("presented TLS key");
  }

  @Test
  void aChainForAnotherKeyIsRefusedAtStart() throws Exception {
    NetworkKeyPair other = NetworkKeyPair.generate();
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate leaf = ca.issue(other.publicKey(), "node.example", Instant.now(), Instant.now().plusSeconds(3600));
    Path file = write("wrong.pem", List.of(leaf, ca.certificate()));
    assertThatThrownBy(() -> NodeTls.serverContext(key, "node.example", Optional.of(file)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("not the node's network key");
  }

  @Test
  void aChangedCertificateFileIsServedWithoutRestartAndABadOneIgnored() throws Exception {
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate first = ca.issue(key.publicKey(), "first.example", Instant.now(), Instant.now().plusSeconds(3600));
    Path file = write("fullchain.pem", List.of(first, ca.certificate()));
    SslContextFactory.Server ssl = NodeTls.serverContext(key, "node.example", Optional.of(file),
        Duration.ofHours(1), Clock.systemUTC());
    TlsTestServer server = serve(ssl);
    pins.pin(server.address(), key.publicKeyBytes());
    CertificateFileWatcher watcher = ssl.getBean(CertificateFileWatcher.class);
    assertThat(watcher.isStarted()).isTrue();
    assertThat(watcher.checkNow()).as("unchanged").isFalse();
    assertThat(servedCertificate(server)).isEqualTo(first);

    X509Certificate second = ca.issue(key.publicKey(), "second.example", Instant.now(), Instant.now().plusSeconds(7200));
    replace(file, List.of(second, ca.certificate()));
    assertThat(watcher.checkNow()).isTrue();
    assertThat(servedCertificate(server)).isEqualTo(second);

    X509Certificate foreign = ca.issue(NetworkKeyPair.generate().publicKey(), "third.example", Instant.now(),
        Instant.now().plusSeconds(7200));
    replace(file, List.of(foreign, ca.certificate()));
    assertThat(watcher.checkNow()).isFalse();
    Files.writeString(file, "not a certificate");
    assertThat(watcher.checkNow()).isFalse();
    assertThat(servedCertificate(server)).isEqualTo(second);
    assertThat(client().GET(server.url()).getStatus()).isEqualTo(200);

    server.close();
    assertThat(watcher.isStopped()).as("stops with the server").isTrue();
  }

  @Test
  void theWatcherPollsOnItsOwn() throws Exception {
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate first = ca.issue(key.publicKey(), "first.example", Instant.now(), Instant.now().plusSeconds(3600));
    Path file = write("fullchain.pem", List.of(first, ca.certificate()));
    TlsTestServer server = serve(NodeTls.serverContext(key, "node.example", Optional.of(file),
        Duration.ofMillis(50), Clock.systemUTC()));
    pins.pin(server.address(), key.publicKeyBytes());
    X509Certificate renewed = ca.issue(key.publicKey(), "renewed.example", Instant.now(), Instant.now().plusSeconds(7200));
    replace(file, List.of(renewed, ca.certificate()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(servedCertificate(server)).isEqualTo(renewed));
  }

  private TlsTestServer serve(SslContextFactory.Server ssl) throws Exception {
    TlsTestServer server = new TlsTestServer(ssl);
    open.add(server);
    return server;
  }

  private HttpClient client() throws Exception {
    return started(NodeTls.httpClient(pins));
  }

  private HttpClient started(HttpClient http) throws Exception {
    http.start();
    open.add(http::stop);
    return http;
  }

  private Path write(String name, List<X509Certificate> chain) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, TestCertificates.pem(chain));
    return file;
  }

  /** As certbot does: the new file appears at the path in one step. */
  private void replace(Path file, List<X509Certificate> chain) throws Exception {
    Path tmp = Files.write(dir.resolve(file.getFileName() + ".new"), TestCertificates.pem(chain));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** A fresh pinned TLS connection, offering the given ALPN protocols (none if empty). */
  private SSLSocket socket(TlsTestServer server, String... alpn) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {pins}, null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    if (alpn.length > 0) {
      SSLParameters params = socket.getSSLParameters();
      params.setApplicationProtocols(alpn);
      socket.setSSLParameters(params);
    }
    try {
      socket.startHandshake();
    } catch (Exception e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  private X509Certificate servedCertificate(TlsTestServer server) throws Exception {
    try (SSLSocket socket = socket(server)) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
