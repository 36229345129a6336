package dev.walrus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] MESSAGE = "a Walrus transaction".getBytes(StandardCharsets.UTF_8);

  /** RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte). */
  @ParameterizedTest
  @CsvSource({
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
        + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,"
        + ","
        + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
        + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,"
        + "72,"
        + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  })
  void rfc8032Vectors(String secret, String publicKey, String message, String signature) {
    byte[] msg = message == null ? new byte[0] : HEX.parseHex(message);
    Ed25519KeyPair kp = Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(HEX.parseHex(secret)));
    assertThat(HEX.formatHex(kp.publicKey().bytes())).isEqualTo(publicKey);
    assertThat(HEX.formatHex(kp.sign(msg).bytes())).isEqualTo(signature);
    assertThat(
            Ed25519PublicKey.fromBytes(HEX.parseHex(publicKey))
                .verify(msg, Ed25519Signature.fromBytes(HEX.parseHex(signature))))
        .isTrue();
  }

  /**
   * Sui TypeScript SDK, test/unit/cryptography/ed25519-publickey.test.ts (cases generated with
   * {@code sui client new-address ed25519} and {@code sui keytool list}).
   */
  @ParameterizedTest
  @CsvSource({
    "UdGRWooy48vGTs0HBokIis5NK+DUjiWc9ENUlcfCCBE=,"
        + "0xd77a6cd55073e98d4029b1b0b8bd8d88f45f343dad2732fc9a7965094e635c55",
    "0PTAfQmNiabgbak9U/stWZzKc5nsRqokda2qnV2DTfg=,"
        + "0x7e8fd489c3d3cd9cc7cbcc577dc5d6de831e654edd9997d95c412d013e6eea23",
    "6L/l0uhGt//9cf6nLQ0+24Uv2qanX/R6tn7lWUJX1Xk=,"
        + "0x3a1b4410ebe9c3386a429c349ba7929aafab739c277f97f32622b971972a14a2",
  })
  void suiAddressDerivation(String publicKeyBase64, String address) {
    Ed25519PublicKey pk = Ed25519PublicKey.fromBytes(Base64.getDecoder().decode(publicKeyBase64));
    assertThat(pk.toAddress()).isEqualTo(Address.parse(address));
  }

  @Test
  void signAndVerify() {
    Ed25519KeyPair kp = Ed25519KeyPair.generate(new SecureRandom());
    Ed25519Signature sig = kp.sign(MESSAGE);
    assertThat(kp.publicKey().verify(MESSAGE, sig)).isTrue();
    assertThat(kp.publicKey().verify(Arrays.copyOf(MESSAGE, MESSAGE.length - 1), sig)).isFalse();
    assertThat(Ed25519KeyPair.generate().publicKey().verify(MESSAGE, sig)).isFalse();

    byte[] tampered = sig.bytes();
    tampered[10] ^= 4;
    assertThat(kp.publicKey().verify(MESSAGE, Ed25519Signature.fromBytes(tampered))).isFalse();

    // S ≥ L (the group order) is malleable and must be refused.
    byte[] highS = sig.bytes();
    Arrays.fill(highS, 32, 64, (byte) 0xFF);
    assertThat(kp.publicKey().verify(MESSAGE, Ed25519Signature.fromBytes(highS))).isFalse();
  }

  @Test
  void keysSurviveTheirByteForms() {
    Ed25519KeyPair kp = Ed25519KeyPair.generate();
    Ed25519KeyPair restored =
        Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(kp.privateKey().bytes()));
    assertThat(restored).isEqualTo(kp).hasSameHashCodeAs(kp);
    assertThat(restored.publicKey()).isEqualTo(kp.publicKey());
    assertThat(restored.sign(MESSAGE)).isEqualTo(kp.sign(MESSAGE));
    assertThat(Ed25519PublicKey.fromBytes(kp.publicKey().bytes())).isEqualTo(kp.publicKey());
    assertThat(kp.toString()).doesNotContain(HEX.formatHex(kp.privateKey().bytes()));
    assertThat(kp.privateKey().toString()).doesNotContain(HEX.formatHex(kp.privateKey().bytes()));
  }

  @Test
  void jdkSignaturesVerifyHereAndOursVerifyInTheJdk() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
    for (int i = 0; i < 20; i++) {
      byte[] message = new byte[i * 13];
      new SplittableRandom(i).nextBytes(message);

      // JDK key and signature → ours.
      KeyPair jdk = gen.generateKeyPair();
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(jdk.getPrivate());
      signer.update(message);
      byte[] jdkSig = signer.sign();
      Ed25519PublicKey ours = Ed25519PublicKey.fromBytes(rawPublicKey(jdk.getPublic()));
      assertThat(ours.verify(message, Ed25519Signature.fromBytes(jdkSig))).isTrue();

      // Our key and signature → JDK.
      Ed25519KeyPair kp = Ed25519KeyPair.generate();
      byte[] ourSig = kp.sign(message).bytes();
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(jdkPublicKey(kp.publicKey().bytes()));
      verifier.update(message);
      assertThat(verifier.verify(ourSig)).isTrue();

      // Same seed → same signature on both sides (Ed25519 is deterministic).
      signer.initSign(jdkPrivateKey(kp.privateKey().bytes()));
      signer.update(message);
      assertThat(signer.sign()).isEqualTo(ourSig);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 64})
  void wrongLengthsAreRejected(int length) {
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(new byte[length]))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Ed25519PrivateKey.fromBytes(new byte[length]))
        .isInstanceOf(CryptoException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 32, 63, 65})
  void wrongSignatureLengthsAreRejected(int length) {
    assertThatThrownBy(() -> Ed25519Signature.fromBytes(new byte[length]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("64 bytes");
  }

  @Test
  void publicKeysThatAreNotCurvePointsAreRejected() {
    // y = 2: x² = (y² − 1)/(d·y² + 1) has no square root, so no point has this encoding.
    byte[] notOnCurve = new byte[32];
    notOnCurve[0] = 2;
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(notOnCurve))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("curve point");
    // y = 2^255 − 1 ≥ p: not a canonical field element.
    byte[] nonCanonical = new byte[32];
    Arrays.fill(nonCanonical, (byte) 0xFF);
    nonCanonical[31] = 0x7F;
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(nonCanonical))
        .isInstanceOf(CryptoException.class);
    // The identity (y = 1) is not a usable key.
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(identity))
        .isInstanceOf(CryptoException.class);
  }

  private static byte[] rawPublicKey(PublicKey key) {
    EdECPoint point = ((EdECPublicKey) key).getPoint();
    // RFC 8032 encoding: y little-endian, x's parity in the top bit.
    byte[] be = point.getY().toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (point.isXOdd()) {
      le[31] |= (byte) 0x80;
    }
    return le;
  }

  private static PublicKey jdkPublicKey(byte[] raw) throws Exception {
    byte[] le = raw.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7F;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    EdECPublicKeySpec spec =
        new EdECPublicKeySpec(
            NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be)));
    return KeyFactory.getInstance("Ed25519").generatePublic(spec);
  }

  private static PrivateKey jdkPrivateKey(byte[] seed) throws Exception {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }
}
