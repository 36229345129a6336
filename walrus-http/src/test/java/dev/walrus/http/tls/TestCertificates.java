package dev.walrus.http.tls;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A tiny CA and certificate issuing for tests. */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(1);

  private TestCertificates() {}

  record Ca(KeyPair key, X509Certificate certificate) {
    /** A leaf for {@code subjectKey}, CN and dNSName {@code name}, valid over [notBefore, notAfter]. */
    X509Certificate issue(PublicKey subjectKey, String name, Instant notBefore, Instant notAfter) {
      return build(new X500Name("CN=" + name), subjectKey, certificate.getSubjectX500Principal().getName(),
          key.getPrivate(), notBefore, notAfter, false, name);
    }
  }

  static Ca newCa(String name) {
    KeyPair key = p256();
    X509Certificate cert = build(new X500Name("CN=" + name), key.getPublic(), "CN=" + name, key.getPrivate(),
        Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400 * 365), true, null);
    return new Ca(key, cert);
  }

  static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate for the network key signed by itself, with any validity. */
  static X509Certificate selfSignedBy(NetworkKeyPair key, String name, Instant notBefore, Instant notAfter) {
    return build(new X500Name("CN=" + name), key.publicKey(), "CN=" + name, key.privateKey(),
        notBefore, notAfter, false, name);
  }

  static byte[] pem(List<X509Certificate> chain) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate c : chain) {
        writer.writeObject(c);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static X509Certificate build(X500Name subject, PublicKey subjectKey, String issuer, PrivateKey signer,
      Instant notBefore, Instant notAfter, boolean ca, String dnsName) {
    try {
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
          BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      }
      if (dnsName != null) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
