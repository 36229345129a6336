package dev.walrus.http.tls;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The node's server certificate: Walrus's self-signed one, or an operator's chain checked against the key. */
final class NodeCertificates {
  /** The validity rcgen gives by default, which Walrus's generated certificate keeps. */
  static final Instant NOT_BEFORE = Instant.parse("1975-01-01T00:00:00Z");
  static final Instant NOT_AFTER = Instant.parse("4096-01-01T00:00:00Z");
  private static final int NAME_KEY_BYTES = 4;
  private static final int MAX_CHAIN_LENGTH = 16;

  private NodeCertificates() {}

  /**
   * Walrus's name for a node key, {@code <gen>.network.walrus.alt}: the first 4 bytes of the
   * compressed key, each in lowercase hex <em>without</em> zero padding (0x0a → {@code a}), as
   * Walrus's {@code server_name_from_public_key} formats them. It is the certificate's CN and first
   * SAN, and the subject of the trust anchor Walrus clients build from the registered key.
   */
  static String serverName(byte[] compressedKey) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < NAME_KEY_BYTES; i++) {
      name.append(Integer.toHexString(compressedKey[i] & 0xff));
    }
    return name.append(".network.walrus.alt").toString();
  }

  /**
   * The certificate a Walrus node makes at start when it has no certificate file (rcgen with
   * defaults): subject = issuer = {@code CN=<gen>} (a UTF8String, as rcgen writes it), SAN =
   * [{@code <gen>}, the public host as dNSName or iPAddress], no basicConstraints, key usage or
   * EKU, valid 1975-01-01 → 4096-01-01, serial = the first 20 bytes of SHA-256 of the uncompressed
   * public point with the top bit cleared (rcgen hashes the raw key, not the whole SPKI),
   * ECDSA-SHA256 by the network key.
   */
  static X509Certificate selfSigned(NetworkKeyPair key, String publicHost) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, serverName(key.publicKeyBytes())).build();
    GeneralNames san = new GeneralNames(new GeneralName[] {
      new GeneralName(GeneralName.dNSName, serverName(key.publicKeyBytes())), hostName(publicHost)});
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(key),
          Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, key.publicKey());
      builder.addExtension(Extension.subjectAlternativeName, false, san);
      X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.privateKey()));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the self-signed node certificate", e);
    }
  }

  /** The certificates of a PEM chain, leaf first; other PEM blocks (a private key) are skipped. */
  static List<X509Certificate> parseChain(byte[] pem) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.UTF_8)))) {
      for (int i = 0; i < 4 * MAX_CHAIN_LENGTH; i++) {
        Object o = parser.readObject();
        if (o == null) {
          break;
        }
        if (o instanceof X509CertificateHolder holder) {
          if (chain.size() == MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("more than " + MAX_CHAIN_LENGTH + " certificates in the chain");
          }
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("malformed PEM certificate chain: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no certificate in the PEM text");
    }
    return List.copyOf(chain);
  }

  /**
   * Checks that the chain's leaf certifies the network key: the TLS handshake signs with the
   * network key, and every client accepts only that key, so any other leaf could never be used.
   */
  static void requireCertifies(List<X509Certificate> chain, NetworkKeyPair key) {
    X509Certificate leaf = chain.getFirst();
    byte[] certified = P256.compressedOrNull(leaf.getPublicKey());
    if (!Arrays.equals(certified, key.publicKeyBytes())) {
      throw new IllegalArgumentException("the certificate for " + leaf.getSubjectX500Principal().getName()
          + " certifies " + describe(certified, leaf) + ", not the node's network key "
          + base64(key.publicKeyBytes()) + "; the chain must be issued for the network key");
    }
  }

  static String describe(byte[] compressedOrNull, X509Certificate cert) {
    return compressedOrNull != null ? "key " + base64(compressedOrNull)
        : "a " + cert.getPublicKey().getAlgorithm() + " key (not P-256)";
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static BigInteger serial(NetworkKeyPair key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(P256.uncompressed(key.publicKey()));
      byte[] serial = Arrays.copyOf(digest, 20);
      serial[0] &= 0x7f;
      return new BigInteger(1, serial);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An IP literal becomes an iPAddress SAN, anything else a dNSName (never resolved). */
  private static GeneralName hostName(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.isEmpty()) {
      throw new IllegalArgumentException("empty public host");
    }
    try {
      return new GeneralName(GeneralName.iPAddress, InetAddress.ofLiteral(bare).getHostAddress());
    } catch (IllegalArgumentException notAnIp) {
      if (!StandardCharsets.US_ASCII.newEncoder().canEncode(bare)) {
        throw new IllegalArgumentException("public host '" + host + "' is neither an IP address nor an ASCII DNS name");
      }
      return new GeneralName(GeneralName.dNSName, bare);
    }
  }
}
