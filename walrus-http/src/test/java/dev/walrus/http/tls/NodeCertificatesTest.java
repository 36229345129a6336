package dev.walrus.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class NodeCertificatesTest {

  @Test
  void serverNamePrintsTheFirstFourBytesInHexWithoutPadding() {
    byte[] key = new byte[33];
    key[0] = 0x02;
    key[1] = 0x0a;
    key[2] = (byte) 0xff;
    key[3] = 0x00;
    key[4] = 0x7f; // beyond the first four bytes: not in the name
    assertThat(NodeCertificates.serverName(key)).isEqualTo("2aff0.network.walrus.alt");
    key[0] = 0x03;
    key[1] = 0x10;
    key[2] = 0x01;
    key[3] = (byte) 0xab;
    assertThat(NodeCertificates.serverName(key)).isEqualTo("3101ab.network.walrus.alt");
  }

  @Test
  void selfSignedCertificateIsWhatWalrusGenerates() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    String gen = NodeCertificates.serverName(key.publicKeyBytes());
    X509Certificate cert = NodeCertificates.selfSigned(key, "10.0.0.1");

    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + gen);
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, gen), List.of(7, "10.0.0.1"));
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getCriticalExtensionOIDs()).isEmpty();
    assertThat(cert.getNonCriticalExtensionOIDs()).containsExactly("2.5.29.17");
    assertThat(cert.getExtendedKeyUsage()).isNull();
    assertThat(cert.getKeyUsage()).isNull();
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("1975-01-01T00:00:00Z"));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("4096-01-01T00:00:00Z"));
    assertThat(cert.getPublicKey()).isEqualTo(key.publicKey());
    cert.verify(key.publicKey());

    byte[] digest = MessageDigest.getInstance("SHA-256").digest(P256.uncompressed(key.publicKey()));
    byte[] serial = Arrays.copyOf(digest, 20);
    serial[0] &= 0x7f;
    assertThat(cert.getSerialNumber()).isEqualTo(new BigInteger(1, serial));

    // rcgen's encodings: the CN as UTF8String, UTCTime before 2050 and GeneralizedTime after.
    X509CertificateHolder holder = new X509CertificateHolder(cert.getEncoded());
    assertThat(holder.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()).isInstanceOf(DERUTF8String.class);
    assertThat(holder.getIssuer().getRDNs(BCStyle.CN)[0].getFirst().getValue()).isInstanceOf(DERUTF8String.class);
    assertThat(holder.toASN1Structure().getStartDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    assertThat(holder.toASN1Structure().getEndDate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
  }

  /**
   * Walrus clients trust a node through an anchor whose subject is {@code CN=<gen>} as x509-cert
   * encodes it (a UTF8String), and webpki matches a certificate's issuer against it byte for byte.
   */
  @Test
  void issuerBytesAreTheWalrusAnchorSubjectBytes() {
    NetworkKeyPair key = NetworkKeyPair.generate();
    byte[] gen = NodeCertificates.serverName(key.publicKeyBytes()).getBytes(StandardCharsets.US_ASCII);
    byte[] atv = concat(new byte[] {0x30, (byte) (5 + 2 + gen.length), 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c,
        (byte) gen.length}, gen);
    byte[] rdn = concat(new byte[] {0x31, (byte) atv.length}, atv);
    byte[] name = concat(new byte[] {0x30, (byte) rdn.length}, rdn);
    X509Certificate cert = NodeCertificates.selfSigned(key, "10.0.0.1");
    assertThat(cert.getIssuerX500Principal().getEncoded()).isEqualTo(name);
    assertThat(cert.getSubjectX500Principal().getEncoded()).isEqualTo(name);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aHostNameBecomesADnsNameAndIpv6AnIpAddress() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    String gen = NodeCertificates.serverName(key.publicKeyBytes());
    assertThat(NodeCertificates.selfSigned(key, "node-1.example.org").getSubjectAlternativeNames())
        .containsExactly(List.of(2, gen), List.of(2, "node-1.example.org"));
    assertThat(NodeCertificates.selfSigned(key, "[2001:db8::1]").getSubjectAlternativeNames())
        .containsExactly(List.of(2, gen), List.of(7, "2001:db8:0:0:0:0:0:1"));
    assertThatThrownBy(() -> NodeCertificates.selfSigned(key, "nœud.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither an IP address nor an ASCII");
    assertThatThrownBy(() -> NodeCertificates.selfSigned(key, "")).hasMessageContaining("empty public host");
  }

  @Test
  void parsesAChainLeafFirstSkippingAKeyBlock() {
    NetworkKeyPair key = NetworkKeyPair.generate();
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate leaf = ca.issue(key.publicKey(), "node.example", Instant.now(), Instant.now().plusSeconds(3600));
    String pem = new String(TestCertificates.pem(List.of(leaf, ca.certificate())), StandardCharsets.US_ASCII);
    List<X509Certificate> chain = NodeCertificates.parseChain((key.toPem() + pem).getBytes(StandardCharsets.US_ASCII));
    assertThat(chain).containsExactly(leaf, ca.certificate());
    NodeCertificates.requireCertifies(chain, key);
  }

  @Test
  void aChainForAnotherKeyIsRefusedNamingBothKeys() {
    NetworkKeyPair key = NetworkKeyPair.generate();
    NetworkKeyPair other = NetworkKeyPair.generate();
    TestCertificates.Ca ca = TestCertificates.newCa("Test CA");
    X509Certificate leaf = ca.issue(other.publicKey(), "node.example", Instant.now(), Instant.now().plusSeconds(3600));
    assertThatThrownBy(() -> NodeCertificates.requireCertifies(List.of(leaf, ca.certificate()), key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CN=node.example")
        .hasMessageContaining(NodeCertificates.base64(other.publicKeyBytes()))
        .hasMessageContaining("not the node's network key " + NodeCertificates.base64(key.publicKeyBytes()));
  }

  @Test
  void garbageIsNotAChain() {
    assertThatThrownBy(() -> NodeCertificates.parseChain("hello".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no certificate");
    assertThatThrownBy(() -> NodeCertificates.parseChain(
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
  }
}
