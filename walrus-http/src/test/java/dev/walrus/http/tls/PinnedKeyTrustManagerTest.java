package dev.walrus.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The trust decision on its own; {@link NodeTlsTest} runs it in real handshakes. */
class PinnedKeyTrustManagerTest {
  private final NetworkKeyPair key = NetworkKeyPair.generate();
  private final PinnedKeyTrustManager pins = new PinnedKeyTrustManager();

  @Test
  void acceptsAnyCertificateOfThePinnedKey() throws Exception {
    pins.pin("10.0.0.1:9185", key.publicKeyBytes());
    X509Certificate[] selfSigned = {NodeCertificates.selfSigned(key, "10.0.0.1")};
    X509Certificate expired = TestCertificates.selfSignedBy(key, "old",
        Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"));
    assertThatCode(() -> pins.checkServerTrusted(selfSigned, "ECDHE_ECDSA", engine("10.0.0.1", 9185)))
        .doesNotThrowAnyException();
    assertThatCode(() -> pins.checkServerTrusted(new X509Certificate[] {expired}, "ECDHE_ECDSA",
        engine("10.0.0.1", 9185))).doesNotThrowAnyException();
  }

  @Test
  void refusesAnotherKeyNamingTheAddressAndBothKeys() throws Exception {
    NetworkKeyPair impostor = NetworkKeyPair.generate();
    pins.pin("10.0.0.1:9185", key.publicKeyBytes());
    X509Certificate[] chain = {NodeCertificates.selfSigned(impostor, "10.0.0.1")};
    assertThatThrownBy(() -> pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("10.0.0.1", 9185)))
        .isInstanceOf(CertificateException.class)
        .hasMessage("node at 10.0.0.1:9185 presented TLS key " + NodeCertificates.base64(impostor.publicKeyBytes())
            + ", but its registered network key is " + NodeCertificates.base64(key.publicKeyBytes()));
  }

  @Test
  void refusesAnUnpinnedAddressOrAnotherPort() throws Exception {
    pins.pin("10.0.0.1:9185", key.publicKeyBytes());
    X509Certificate[] chain = {NodeCertificates.selfSigned(key, "10.0.0.1")};
    assertThatThrownBy(() -> pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("10.0.0.2", 9185)))
        .isInstanceOf(CertificateException.class).hasMessageContaining("no network key is pinned for 10.0.0.2:9185");
    assertThatThrownBy(() -> pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("10.0.0.1", 9186)))
        .hasMessageContaining("no network key is pinned for 10.0.0.1:9186");
    assertThatThrownBy(() -> pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine(null, -1)))
        .hasMessageContaining("cannot tell which storage node");
    pins.unpin("10.0.0.1:9185");
    assertThatThrownBy(() -> pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("10.0.0.1", 9185)))
        .hasMessageContaining("no network key is pinned");
  }

  @Test
  void refusesANonP256Key() throws Exception {
    pins.pin("node.example:9185", key.publicKeyBytes());
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    TestCertificates.Ca ca = TestCertificates.newCa("CA");
    X509Certificate leaf = ca.issue(rsa.generateKeyPair().getPublic(), "node.example", Instant.now(),
        Instant.now().plusSeconds(60));
    assertThatThrownBy(() -> pins.checkServerTrusted(new X509Certificate[] {leaf}, "RSA", engine("node.example", 9185)))
        .hasMessageContaining("presented TLS a RSA key (not P-256)");
    assertThatThrownBy(() -> pins.checkServerTrusted(new X509Certificate[0], "RSA", engine("node.example", 9185)))
        .hasMessageContaining("presented no TLS certificate");
  }

  @Test
  void addressesAreMatchedCaseInsensitivelyAndIpv6WithOrWithoutBrackets() throws Exception {
    pins.pin("Node.Example:9185", key.publicKeyBytes());
    pins.pin("[2001:DB8::1]:9185", key.publicKeyBytes());
    X509Certificate[] chain = {NodeCertificates.selfSigned(key, "node.example")};
    pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("node.EXAMPLE", 9185));
    pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("2001:db8::1", 9185));
    pins.checkServerTrusted(chain, "ECDHE_ECDSA", engine("[2001:db8::1]", 9185));
    assertThat(pins.pinned("node.example:9185")).hasValueSatisfying(k -> assertThat(k).isEqualTo(key.publicKeyBytes()));
    assertThat(pins.size()).isEqualTo(2);
  }

  @Test
  void pinValidatesTheAddressAndTheKey() {
    assertThatThrownBy(() -> pins.pin("10.0.0.1", key.publicKeyBytes())).hasMessageContaining("not host:port");
    assertThatThrownBy(() -> pins.pin("10.0.0.1:0", key.publicKeyBytes())).hasMessageContaining("no valid port");
    assertThatThrownBy(() -> pins.pin("10.0.0.1:http", key.publicKeyBytes())).hasMessageContaining("no valid port");
    assertThatThrownBy(() -> pins.pin("2001:db8::1:9185", key.publicKeyBytes())).hasMessageContaining("brackets");
    assertThatThrownBy(() -> pins.pin("[]:9185", key.publicKeyBytes())).hasMessageContaining("empty host");
    byte[] bad = key.publicKeyBytes();
    bad[0] = 0x05;
    assertThatThrownBy(() -> pins.pin("10.0.0.1:9185", bad)).isInstanceOf(IllegalArgumentException.class);
    assertThat(pins.size()).isZero();
  }

  @Test
  void thePinTableIsBoundedButRepinningIsAlwaysAllowed() {
    PinnedKeyTrustManager small = new PinnedKeyTrustManager(2);
    small.pin("a:1", key.publicKeyBytes());
    small.pin("b:1", key.publicKeyBytes());
    byte[] other = NetworkKeyPair.generate().publicKeyBytes();
    small.pin("a:1", other);
    assertThat(small.pinned("a:1")).hasValueSatisfying(k -> assertThat(k).isEqualTo(other));
    assertThatThrownBy(() -> small.pin("c:1", key.publicKeyBytes()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already 2 nodes pinned");
    small.unpin("b:1");
    small.pin("c:1", key.publicKeyBytes());
  }

  @Test
  void noAddressNoClientCertificates() {
    X509Certificate[] chain = {NodeCertificates.selfSigned(key, "10.0.0.1")};
    assertThatThrownBy(() -> pins.checkServerTrusted(chain, "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> pins.checkClientTrusted(chain, "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> pins.checkClientTrusted(chain, "ECDHE_ECDSA", engine("10.0.0.1", 1)))
        .isInstanceOf(CertificateException.class);
    assertThat(pins.getAcceptedIssuers()).isEmpty();
  }

  private static SSLEngine engine(String host, int port) throws Exception {
    return host == null ? SSLContext.getDefault().createSSLEngine() : SSLContext.getDefault().createSSLEngine(host, port);
  }
}
