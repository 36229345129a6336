package dev.walrus.http.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The network key's file formats, as Walrus reads them (PKCS#8 PEM first, then its own base64):
 *
 * <ul>
 *   <li>PKCS#8 PEM ({@code BEGIN PRIVATE KEY}): what Walrus writes and what certbot's {@code
 *       privkey.pem} is with {@code --key-type ecdsa --elliptic-curve secp256r1}.
 *   <li>SEC1 PEM ({@code BEGIN EC PRIVATE KEY}), what {@code openssl ecparam -genkey} writes,
 *       possibly after an {@code EC PARAMETERS} block.
 *   <li>Walrus's tagged form: standard base64 of {@code 0x02 ‖ 32-byte big-endian scalar}, 0x02
 *       being the secp256r1 scheme flag.
 * </ul>
 */
final class NetworkKeyCodec {
  static final byte SECP256R1_FLAG = 0x02;
  private static final ASN1ObjectIdentifier P256_OID = SECObjectIdentifiers.secp256r1;
  private static final int MAX_PEM_OBJECTS = 16;

  private NetworkKeyCodec() {}

  /** The private scalar in {@code text}, in any of the accepted formats. */
  static BigInteger parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty network key");
    }
    BigInteger d = t.contains("-----BEGIN ") ? fromPem(t) : fromTaggedBase64(t);
    if (!P256.isValidScalar(d)) {
      throw new IllegalArgumentException("the private scalar is not in [1, n) of P-256");
    }
    return d;
  }

  /**
   * PKCS#8 PEM with the public key inside the SEC1 structure: ring (rcgen, rustls) refuses a P-256
   * PKCS#8 key without it, so a Walrus node can read the files we write.
   */
  static String toPkcs8Pem(BigInteger d, ECPublicKey publicKey) {
    ECPrivateKey sec1 = new ECPrivateKey(256, d, new DERBitString(P256.uncompressed(publicKey)), null);
    try {
      PrivateKeyInfo info = new PrivateKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, P256_OID), sec1);
      StringWriter out = new StringWriter();
      try (PemWriter pem = new PemWriter(out)) {
        pem.writeObject(new PemObject("PRIVATE KEY", info.getEncoded(ASN1Encoding.DER)));
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the network key", e);
    }
  }

  static String toTaggedBase64(BigInteger d) {
    byte[] tagged = new byte[1 + P256.SCALAR_LENGTH];
    tagged[0] = SECP256R1_FLAG;
    System.arraycopy(P256.unsigned(d, P256.SCALAR_LENGTH), 0, tagged, 1, P256.SCALAR_LENGTH);
    return Base64.getEncoder().encodeToString(tagged);
  }

  private static BigInteger fromTaggedBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a network key is PEM or base64 of 0x02 ‖ 32-byte scalar; this is neither");
    }
    if (bytes.length != 1 + P256.SCALAR_LENGTH) {
      throw new IllegalArgumentException("a base64 network key holds 33 bytes (0x02 ‖ scalar), got " + bytes.length);
    }
    if (bytes[0] != SECP256R1_FLAG) {
      throw new IllegalArgumentException(String.format(
          "a base64 network key starts with the secp256r1 flag 0x02, not 0x%02x", bytes[0] & 0xff));
    }
    return new BigInteger(1, Arrays.copyOfRange(bytes, 1, bytes.length));
  }

  private static BigInteger fromPem(String text) {
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (int i = 0; i < MAX_PEM_OBJECTS; i++) {
        Object o = parser.readObject();
        if (o == null) {
          break;
        }
        switch (o) {
          case PrivateKeyInfo info -> {
            return fromPkcs8(info);
          }
          case PEMKeyPair pair -> {
            return fromPkcs8(pair.getPrivateKeyInfo());
          }
          case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted();
          case PEMEncryptedKeyPair ignored -> throw encrypted();
          case ASN1ObjectIdentifier ignored -> { } // an EC PARAMETERS block before the key
          case X9ECParameters ignored -> { }
          case X509CertificateHolder ignored -> { } // a combined certificate-and-key file
          default -> throw new IllegalArgumentException("the PEM holds a " + o.getClass().getSimpleName()
              + ", not an EC private key");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed PEM network key: " + e.getMessage());
    }
    throw new IllegalArgumentException("no private key in the PEM text");
  }

  private static BigInteger fromPkcs8(PrivateKeyInfo info) throws IOException {
    AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
      throw new IllegalArgumentException("the network key must be ECDSA P-256; this PEM key has algorithm "
          + alg.getAlgorithm());
    }
    ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    ASN1Encodable curve = alg.getParameters();
    if (curve == null || curve instanceof ASN1Null) {
      curve = sec1.getParametersObject(); // SEC1 keys may carry the curve inside instead
    }
    ASN1BitString embedded = sec1.getPublicKey();
    if (curve == null && embedded == null) {
      throw new IllegalArgumentException("the EC key names no curve and has no public key; it must be P-256");
    }
    if (curve != null && !P256_OID.equals(curve)) {
      throw new IllegalArgumentException("the network key must be on P-256 (secp256r1), not " + curve);
    }
    BigInteger d = sec1.getKey();
    if (!P256.isValidScalar(d)) {
      throw new IllegalArgumentException("the private scalar is not in [1, n) of P-256");
    }
    if (embedded != null) {
      // Also what proves the curve when none is named: d·G on P-256 matches only on P-256.
      ECPublicKey derived = P256.publicKey(d);
      byte[] bytes = embedded.getOctets();
      if (!Arrays.equals(bytes, P256.uncompressed(derived)) && !Arrays.equals(bytes, P256.compress(derived))) {
        throw new IllegalArgumentException("the PEM's public key does not belong to its private key");
      }
    }
    return d;
  }

  private static IllegalArgumentException encrypted() {
    return new IllegalArgumentException(
        "encrypted private keys are not supported; decrypt it first (openssl pkey -in key.pem -out plain.pem)");
  }
}
