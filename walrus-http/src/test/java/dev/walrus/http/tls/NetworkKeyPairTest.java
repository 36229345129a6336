package dev.walrus.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkKeyPairTest {
  private static final HexFormat HEX = HexFormat.of();
  /** P-256's generator G, compressed (its y is odd): the public key of scalar 1. */
  private static final String G_COMPRESSED = "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";

  @TempDir Path dir;

  @Test
  void generatedKeyHasA33ByteCompressedPublicKey() {
    NetworkKeyPair key = NetworkKeyPair.generate();
    byte[] pub = key.publicKeyBytes();
    assertThat(pub).hasSize(33);
    assertThat(pub[0]).isIn((byte) 2, (byte) 3);
    assertThat(NetworkKeyPair.decodePublicKey(pub)).isEqualTo(key.publicKey());
    assertThat(NetworkKeyPair.generate()).isNotEqualTo(key);
  }

  @Test
  void scalarOneHasTheGeneratorAsPublicKey() {
    NetworkKeyPair key = NetworkKeyPair.fromScalar(BigInteger.ONE);
    assertThat(HEX.formatHex(key.publicKeyBytes())).isEqualTo(G_COMPRESSED);
  }

  @Test
  void pemRoundTripsAndIsPkcs8WithThePublicKeyInside() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    String pem = key.toPem();
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----END PRIVATE KEY-----");
    assertThat(NetworkKeyPair.fromPem(pem)).isEqualTo(key);

    PrivateKeyInfo info = (PrivateKeyInfo) new PEMParser(new StringReader(pem)).readObject();
    ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    assertThat(sec1.getPublicKey()).as("ring needs the public key in the PKCS#8").isNotNull();
    assertThat(sec1.getPublicKey().getOctets()).isEqualTo(P256.uncompressed(key.publicKey()));
    // The JDK reads it too, and the key signs what the public key verifies.
    var jdkKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(jdkKey);
    signer.update(new byte[] {1, 2, 3});
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key.publicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  @Test
  void readsWalrusTaggedBase64() {
    NetworkKeyPair key = NetworkKeyPair.generate();
    byte[] tagged = new byte[33];
    tagged[0] = 0x02;
    System.arraycopy(P256.unsigned(key.privateKey().getS(), 32), 0, tagged, 1, 32);
    String base64 = Base64.getEncoder().encodeToString(tagged);
    assertThat(NetworkKeyPair.fromPem(base64 + "\n")).isEqualTo(key);
    assertThat(NetworkKeyCodec.toTaggedBase64(key.privateKey().getS())).isEqualTo(base64);
  }

  @Test
  void rejectsMalformedTaggedBase64() {
    byte[] tagged = new byte[33];
    tagged[0] = 0x04; // the BLS flag
    tagged[32] = 1;
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(Base64.getEncoder().encodeToString(tagged)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flag 0x02, not 0x04");
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(Base64.getEncoder().encodeToString(new byte[32])))
        .hasMessageContaining("33 bytes");
    assertThatThrownBy(() -> NetworkKeyPair.fromPem("not base64 !"))
        .hasMessageContaining("neither");
    byte[] zero = new byte[33];
    zero[0] = 0x02;
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(Base64.getEncoder().encodeToString(zero)))
        .hasMessageContaining("not in [1, n)");
    byte[] big = new byte[33];
    java.util.Arrays.fill(big, (byte) 0xff);
    big[0] = 0x02;
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(Base64.getEncoder().encodeToString(big)))
        .hasMessageContaining("not in [1, n)");
  }

  @Test
  void readsSec1EcPrivateKeyPemEvenAfterParameters() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    // What `openssl ecparam -name prime256v1 -genkey` writes: SEC1 with the curve and public key.
    ECPrivateKey openssl = new ECPrivateKey(256, key.privateKey().getS(),
        new DERBitString(P256.uncompressed(key.publicKey())), SECObjectIdentifiers.secp256r1);
    String sec1 = pem("EC PRIVATE KEY", openssl.getEncoded());
    assertThat(NetworkKeyPair.fromPem(sec1)).isEqualTo(key);
    String withParams = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + sec1;
    assertThat(NetworkKeyPair.fromPem(withParams)).isEqualTo(key);

    ECPrivateKey noCurve = new ECPrivateKey(256, key.privateKey().getS(),
        new DERBitString(P256.uncompressed(key.publicKey())), null);
    assertThat(NetworkKeyPair.fromPem(pem("EC PRIVATE KEY", noCurve.getEncoded()))).isEqualTo(key);
    ECPrivateKey bare = new ECPrivateKey(256, key.privateKey().getS(), null);
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(pem("EC PRIVATE KEY", bare.getEncoded())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no curve");
    ECPrivateKey p384 = new ECPrivateKey(256, key.privateKey().getS(), SECObjectIdentifiers.secp384r1);
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(pem("EC PRIVATE KEY", p384.getEncoded())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be on P-256");
  }

  @Test
  void rejectsOtherCurvesAndAlgorithms() throws Exception {
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(pkcs8Pem(p384.generateKeyPair().getPrivate().getEncoded())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(pkcs8Pem(ed.generateKeyPair().getPrivate().getEncoded())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ECDSA P-256");
    assertThatThrownBy(() -> NetworkKeyPair.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  @Test
  void rejectsAPemWhosePublicKeyIsNotItsOwn() throws Exception {
    NetworkKeyPair a = NetworkKeyPair.generate();
    NetworkKeyPair b = NetworkKeyPair.generate();
    String forged = NetworkKeyCodec.toPkcs8Pem(a.privateKey().getS(), b.publicKey());
    assertThatThrownBy(() -> NetworkKeyPair.fromPem(forged))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
  }

  @Test
  void writesAnOwnerOnlyFileAndLoadsIt() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    Path file = dir.resolve("keys/network.pem");
    key.write(file);
    assertThat(Files.readString(file)).isEqualTo(key.toPem());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(NetworkKeyPair.load(file)).isEqualTo(key);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    assertThatThrownBy(() -> NetworkKeyPair.generate().write(file)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(NetworkKeyPair.load(file)).isEqualTo(key);
  }

  @Test
  void loadNamesTheFileOnBadContentAndRefusesHugeFiles() throws Exception {
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "garbage!");
    assertThatThrownBy(() -> NetworkKeyPair.load(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(bad.toString());
    Path huge = dir.resolve("huge.key");
    Files.write(huge, new byte[100_000]);
    assertThatThrownBy(() -> NetworkKeyPair.load(huge)).hasMessageContaining("too large");
  }

  @Test
  void decodePublicKeyRejectsBadPoints() {
    assertThatThrownBy(() -> NetworkKeyPair.decodePublicKey(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 32 bytes");
    assertThatThrownBy(() -> NetworkKeyPair.decodePublicKey(P256.uncompressed(NetworkKeyPair.generate().publicKey())))
        .hasMessageContaining("got 65 bytes");
    byte[] wrongPrefix = HEX.parseHex(G_COMPRESSED);
    wrongPrefix[0] = 0x04;
    assertThatThrownBy(() -> NetworkKeyPair.decodePublicKey(wrongPrefix)).hasMessageContaining("not 0x04");
    byte[] xTooLarge = new byte[33];
    java.util.Arrays.fill(xTooLarge, (byte) 0xff);
    xTooLarge[0] = 0x02;
    assertThatThrownBy(() -> NetworkKeyPair.decodePublicKey(xTooLarge)).hasMessageContaining("not a point on P-256");
    assertThatThrownBy(() -> NetworkKeyPair.decodePublicKey(offCurveX())).hasMessageContaining("not a point on P-256");
    assertThat(NetworkKeyPair.decodePublicKey(HEX.parseHex(G_COMPRESSED)))
        .isEqualTo(NetworkKeyPair.fromScalar(BigInteger.ONE).publicKey());
  }

  @Test
  void toStringShowsOnlyThePublicKey() {
    NetworkKeyPair key = NetworkKeyPair.fromScalar(BigInteger.ONE);
    assertThat(key.toString()).isEqualTo(
        "NetworkKeyPair[" + Base64.getEncoder().encodeToString(HEX.parseHex(G_COMPRESSED)) + "]");
  }

  /** A compressed encoding whose x has no y on the curve (about half of all x do not). */
  private static byte[] offCurveX() {
    for (int x = 1; x < 1000; x++) {
      byte[] candidate = new byte[33];
      candidate[0] = 0x02;
      candidate[31] = (byte) (x >> 8);
      candidate[32] = (byte) x;
      try {
        org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1").getCurve().decodePoint(candidate);
      } catch (IllegalArgumentException offCurve) {
        return candidate;
      }
    }
    throw new AssertionError("no off-curve x below 1000");
  }

  private static String pkcs8Pem(byte[] der) {
    return pem("PRIVATE KEY", der);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
