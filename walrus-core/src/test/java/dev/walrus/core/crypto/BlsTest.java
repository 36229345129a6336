package dev.walrus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import supranational.blst.P1;

class BlsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] MESSAGE = "walrus".getBytes(StandardCharsets.UTF_8);

  /** Deterministic keys, so failures reproduce. */
  static BlsKeyPair key(int i) {
    byte[] seed = new byte[32];
    ByteBuffer.wrap(seed).putInt(i);
    return BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
  }

  @Nested
  class KnownAnswers {
    /**
     * MystenLabs/fastcrypto, fastcrypto/src/tests/bls12381_tests.rs, {@code
     * min_pk::regression_test}: a min-pk key pair and its signature of "hello, narwhal" under
     * {@code BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_}, the library Walrus signs with.
     */
    @Test
    void fastcryptoMinPkRegressionVector() {
      BlsPrivateKey sk =
          BlsPrivateKey.fromBytes(
              HEX.parseHex("266f9708fd8d3b462b10cdbf5498076c021eb3acfdd47cb1fef647967fe194fb"));
      String pk =
          "b157f238403a5b980546fd19ca48f79a2613e3e3a91d14ee69908b8816e4c53665370b2fbd0db62cc4aa0e8c"
              + "aeedc9b5";
      String sig =
          "8dec0b9a1a629cc96c57144ee8e7dd5c93acb465286f1214df3b8482c3f16e10db4277ead785f5d5bc77b4e5"
              + "1affd2580dead4d0d21cf20fc5e2b4bec2586c2bd6c73fee76c11f214871f77dada4c578034c3b"
              + "978f1cccb82bdd78fe5ee67de1";
      byte[] message = "hello, narwhal".getBytes(StandardCharsets.US_ASCII);

      assertThat(HEX.formatHex(sk.publicKey().bytes())).isEqualTo(pk);
      assertThat(HEX.formatHex(BlsKeyPair.of(sk).sign(message).bytes())).isEqualTo(sig);
      BlsPublicKey publicKey = BlsPublicKey.fromBytes(HEX.parseHex(pk));
      BlsSignature signature = BlsSignature.fromBytes(HEX.parseHex(sig));
      assertThat(publicKey.verify(message, signature)).isTrue();
      assertThat(publicKey.verify("hello, narwhaL".getBytes(StandardCharsets.US_ASCII), signature))
          .isFalse();
    }

    /**
     * MystenLabs/fastcrypto, fastcrypto/src/tests/bls12381_tests.rs, {@code
     * min_pk::test_verify_drand_signature}: a real drand beacon (round 2373935 of its default
     * chain, which uses the same min-pk scheme and DST); the message is SHA-256 of the previous
     * signature followed by the round as a big-endian u64.
     */
    @Test
    void drandBeaconSignature() throws Exception {
      BlsPublicKey key =
          BlsPublicKey.fromBytes(
              HEX.parseHex(
                  "868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a569937c529eeda66c7"
                      + "293784a9402801af31"));
      BlsSignature sig =
          BlsSignature.fromBytes(
              HEX.parseHex(
                  "a2cd8577944b84484ef557a7f92f0d5092779497cc470b1b97680b8f7c807d97250d310b801c7c"
                      + "2185c7c8a21032d45403b97530ca87bd8f05d0cf4ffceb4bcb9bf7184fb604967db7e9e6"
                      + "ea555bc51b25a9e41fbd51181f712aa73aaec749fe"));
      byte[] previous =
          HEX.parseHex(
              "a96aace596906562dc525dba4dff734642d71b334d51324f9c9bcb5a3d6caf14b05cde91d6507bf461"
                  + "5cb4285e5b4efd1358ebc46b80b51e338f9dc46cca17cf2e046765ba857c04101a560887fa81"
                  + "aef101a5bb3b2350884558bd3adc72be37");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous);
      sha.update(ByteBuffer.allocate(8).putLong(2373935L).array());
      byte[] message = sha.digest();

      assertThat(key.verify(message, sig)).isTrue();
      message[0] ^= 1;
      assertThat(key.verify(message, sig)).isFalse();
    }

    /**
     * MystenLabs/walrus, contracts/walrus/tests/test_utils.move, {@code test_bls_pk}: the public
     * key of the scalar 117 (big-endian, zero-padded), as Sui's Move {@code bls12381} computes it.
     */
    @Test
    void walrusMoveTestKey() {
      byte[] scalar = new byte[32];
      scalar[31] = 117;
      assertThat(HEX.formatHex(BlsPrivateKey.fromBytes(scalar).publicKey().bytes()))
          .isEqualTo(
              "95eacc3adc09c827593f581e8e2de068bf4cf5d0c0eb29e5372f0d23364788ee0f9beb112c8a7e9c2f"
                  + "0c720433705cf0");
    }
  }

  @Nested
  class SignAndVerify {
    @Test
    void signatureVerifiesOnlyForItsMessageAndKey() {
      BlsKeyPair a = key(1);
      BlsKeyPair b = key(2);
      BlsSignature sig = a.sign(MESSAGE);

      assertThat(a.publicKey().verify(MESSAGE, sig)).isTrue();
      assertThat(a.publicKey().verify("walrut".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
      assertThat(a.publicKey().verify(new byte[0], sig)).isFalse();
      assertThat(b.publicKey().verify(MESSAGE, sig)).isFalse();
      assertThat(a.publicKey().verify(MESSAGE, b.sign(MESSAGE))).isFalse();
    }

    @Test
    void signingIsDeterministicAndSurvivesSerialisation() {
      BlsKeyPair kp = BlsKeyPair.generate(new SecureRandom());
      BlsSignature sig = kp.sign(MESSAGE);
      assertThat(kp.sign(MESSAGE)).isEqualTo(sig);

      BlsKeyPair restored = BlsKeyPair.of(BlsPrivateKey.fromBytes(kp.privateKey().bytes()));
      assertThat(restored).isEqualTo(kp);
      assertThat(restored.publicKey()).isEqualTo(kp.publicKey());
      assertThat(restored.sign(MESSAGE)).isEqualTo(sig);

      BlsPublicKey pk = BlsPublicKey.fromBytes(kp.publicKey().bytes());
      BlsSignature parsed = BlsSignature.fromBytes(sig.bytes());
      assertThat(pk).isEqualTo(kp.publicKey()).hasSameHashCodeAs(kp.publicKey());
      assertThat(parsed).isEqualTo(sig).hasSameHashCodeAs(sig);
      assertThat(pk.verify(MESSAGE, parsed)).isTrue();
    }

    @Test
    void seedsDeriveKeysDeterministically() {
      byte[] seed = new byte[40];
      Arrays.fill(seed, (byte) 9);
      assertThat(BlsPrivateKey.fromSeed(seed)).isEqualTo(BlsPrivateKey.fromSeed(seed.clone()));
      byte[] other = seed.clone();
      other[39] = 8;
      assertThat(BlsPrivateKey.fromSeed(other)).isNotEqualTo(BlsPrivateKey.fromSeed(seed));
    }

    @Test
    void base64FormsRoundTrip() {
      BlsKeyPair kp = key(3);
      String pk = kp.publicKey().toBase64();
      assertThat(pk)
          .hasSize(64)
          .isEqualTo(Base64.getEncoder().encodeToString(kp.publicKey().bytes()));
      assertThat(BlsPublicKey.fromBase64(pk)).isEqualTo(kp.publicKey());
      assertThat(kp.publicKey()).hasToString(pk);

      BlsSignature sig = kp.sign(MESSAGE);
      assertThat(BlsSignature.fromBase64(sig.toBase64())).isEqualTo(sig);
    }

    @Test
    void privateKeysAreNeverPrinted() {
      BlsKeyPair kp = key(4);
      byte[] sk = kp.privateKey().bytes();
      for (String s : List.of(kp.toString(), kp.privateKey().toString())) {
        assertThat(s)
            .doesNotContain(HEX.formatHex(sk))
            .doesNotContain(Base64.getEncoder().encodeToString(sk))
            .doesNotContain(Arrays.toString(sk));
      }
      assertThat(kp.toString()).contains(kp.publicKey().toBase64());
    }
  }

  @Nested
  class Aggregation {
    static final int SIGNERS = 150;
    static List<BlsKeyPair> keys;
    static List<BlsSignature> signatures;

    @BeforeAll
    static void sign() {
      keys = new ArrayList<>();
      signatures = new ArrayList<>();
      for (int i = 0; i < SIGNERS; i++) {
        keys.add(key(100 + i));
        signatures.add(keys.get(i).sign(MESSAGE));
      }
    }

    static List<BlsPublicKey> publicKeys() {
      return new ArrayList<>(keys.stream().map(BlsKeyPair::publicKey).toList());
    }

    @Test
    void aggregateOfManySignersVerifies() {
      BlsSignature aggregate = BlsSignature.aggregate(signatures);
      assertThat(BlsPublicKey.verifyAggregate(publicKeys(), MESSAGE, aggregate)).isTrue();
      assertThat(BlsPublicKey.aggregate(publicKeys()).verify(MESSAGE, aggregate)).isTrue();
      assertThat(BlsSignature.fromBytes(aggregate.bytes())).isEqualTo(aggregate);
    }

    @Test
    void aggregateFailsIfOneSignerIsSwappedMissingOrSignedSomethingElse() {
      BlsSignature aggregate = BlsSignature.aggregate(signatures);

      List<BlsPublicKey> swapped = publicKeys();
      swapped.set(77, key(99_999).publicKey());
      assertThat(BlsPublicKey.verifyAggregate(swapped, MESSAGE, aggregate)).isFalse();

      List<BlsPublicKey> missing = publicKeys();
      missing.remove(0);
      assertThat(BlsPublicKey.verifyAggregate(missing, MESSAGE, aggregate)).isFalse();

      List<BlsSignature> oneOff = new ArrayList<>(signatures);
      oneOff.set(5, keys.get(5).sign("other".getBytes(StandardCharsets.UTF_8)));
      BlsSignature oneOffAggregate = BlsSignature.aggregate(oneOff);
      assertThat(BlsPublicKey.verifyAggregate(publicKeys(), MESSAGE, oneOffAggregate)).isFalse();

      assertThat(BlsPublicKey.verifyAggregate(publicKeys(), new byte[] {1}, aggregate)).isFalse();
    }

    @Test
    void singleSignatureAggregatesToItself() {
      assertThat(BlsSignature.aggregate(List.of(signatures.get(0)))).isEqualTo(signatures.get(0));
      assertThat(BlsPublicKey.aggregate(List.of(keys.get(0).publicKey())))
          .isEqualTo(keys.get(0).publicKey());
    }

    @Test
    void emptyInputIsRejected() {
      assertThatThrownBy(() -> BlsSignature.aggregate(List.of()))
          .isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPublicKey.aggregate(List.of()))
          .isInstanceOf(CryptoException.class);
      assertThat(BlsPublicKey.verifyAggregate(List.of(), MESSAGE, signatures.get(0))).isFalse();
    }

    @Test
    void totalMinusNonSignersIsTheSignersAggregate() {
      BlsPublicKey total = BlsPublicKey.aggregate(publicKeys());
      List<BlsPublicKey> nonSigners = publicKeys().subList(0, 40);
      List<BlsPublicKey> signers = publicKeys().subList(40, SIGNERS);
      assertThat(total.subtract(nonSigners)).isEqualTo(BlsPublicKey.aggregate(signers));
      assertThat(total.subtract(List.of())).isSameAs(total);
      BlsSignature aggregate = BlsSignature.aggregate(signatures.subList(40, SIGNERS));
      assertThat(total.subtract(nonSigners).verify(MESSAGE, aggregate)).isTrue();
      assertThatThrownBy(() -> total.subtract(publicKeys()))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("infinity");
    }

    @Test
    void keysSummingToTheIdentityAreRejected() {
      BlsPublicKey pk = keys.get(0).publicKey();
      BlsPublicKey negated = BlsPublicKey.fromBytes(new P1(pk.point()).neg().compress());
      List<BlsPublicKey> cancelling = List.of(pk, negated);
      assertThatThrownBy(() -> BlsPublicKey.aggregate(cancelling))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("infinity");
      assertThat(BlsPublicKey.verifyAggregate(cancelling, MESSAGE, signatures.get(0))).isFalse();
    }
  }

  @Nested
  class Validation {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 47, 49, 96})
    void publicKeyOfWrongLengthIsRejected(int length) {
      byte[] bytes = new byte[length];
      if (length > 0) {
        System.arraycopy(key(1).publicKey().bytes(), 0, bytes, 0, Math.min(length, 48));
      }
      assertThatThrownBy(() -> BlsPublicKey.fromBytes(bytes))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("48 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 48, 95, 97, 192})
    void signatureOfWrongLengthIsRejected(int length) {
      assertThatThrownBy(() -> BlsSignature.fromBytes(new byte[length]))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("96 bytes");
    }

    @Test
    void nullsAreRejectedWithTypedExceptions() {
      assertThatThrownBy(() -> BlsPublicKey.fromBytes(null)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsSignature.fromBytes(null)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPrivateKey.fromBytes(null)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPrivateKey.fromSeed(null)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPublicKey.fromBase64(null)).isInstanceOf(CryptoException.class);
    }

    @Test
    void pointsAtInfinityAreRejected() {
      byte[] g1 = new byte[48];
      g1[0] = (byte) 0xC0;
      byte[] g2 = new byte[96];
      g2[0] = (byte) 0xC0;
      assertThatThrownBy(() -> BlsPublicKey.fromBytes(g1))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("infinity");
      assertThatThrownBy(() -> BlsSignature.fromBytes(g2))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("infinity");
    }

    @Test
    void allZeroEncodingsAreRejected() {
      assertThatThrownBy(() -> BlsPublicKey.fromBytes(new byte[48]))
          .isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsSignature.fromBytes(new byte[96]))
          .isInstanceOf(CryptoException.class);
    }

    @Test
    void randomBytesAreNeverAcceptedAsPoints() {
      SplittableRandom random = new SplittableRandom(42);
      boolean sawSubgroupFailure = false;
      for (int i = 0; i < 200; i++) {
        byte[] g1 = new byte[48];
        random.nextBytes(g1);
        g1[0] = (byte) ((g1[0] & 0x1F) | 0x80); // compressed, not infinity
        Throwable e1 = catchThrowable(() -> BlsPublicKey.fromBytes(g1));
        assertThat(e1).isInstanceOf(CryptoException.class);
        sawSubgroupFailure |= e1.getMessage().contains("subgroup");

        byte[] g2 = new byte[96];
        random.nextBytes(g2);
        g2[0] = (byte) ((g2[0] & 0x1F) | 0x80);
        // Off the curve: refused when parsed. On it (about half): refused when used.
        BlsSignature parsed;
        try {
          parsed = BlsSignature.fromBytes(g2);
        } catch (CryptoException offCurve) {
          continue;
        }
        BlsSignature onCurve = parsed;
        assertThatThrownBy(onCurve::requireInGroup).isInstanceOf(CryptoException.class).hasMessageContaining("subgroup");
      }
      // About half of all x coordinates are on the curve; almost none of those are in G1.
      assertThat(sawSubgroupFailure).isTrue();
    }

    @Test
    void aSignatureOutsideG2ParsesButNeverVerifiesNorAggregates() {
      BlsKeyPair kp = key(6);
      BlsSignature valid = kp.sign(MESSAGE);
      BlsSignature outside = pointOutsideG2(new SplittableRandom(7));
      assertThat(kp.publicKey().verify(MESSAGE, outside)).isFalse();
      assertThat(BlsPublicKey.verifyAggregate(List.of(kp.publicKey()), MESSAGE, outside)).isFalse();
      assertThat(BlsBatch.verifyAll(List.of(new BlsBatch.Item(kp.publicKey(), MESSAGE, valid),
          new BlsBatch.Item(kp.publicKey(), MESSAGE, outside)))).isFalse();
      assertThatThrownBy(() -> BlsSignature.aggregate(List.of(valid, outside)))
          .isInstanceOf(CryptoException.class).hasMessageContaining("subgroup");
      // A parsed valid signature passes the check it was spared when parsed.
      BlsSignature reparsed = BlsSignature.fromBytes(valid.bytes());
      reparsed.requireInGroup();
      assertThat(kp.publicKey().verify(MESSAGE, reparsed)).isTrue();
    }

    /** A point of the curve outside G2: random x coordinates until one decompresses. */
    private static BlsSignature pointOutsideG2(SplittableRandom random) {
      while (true) {
        byte[] g2 = new byte[96];
        random.nextBytes(g2);
        g2[0] = (byte) ((g2[0] & 0x1F) | 0x80);
        try {
          return BlsSignature.fromBytes(g2);
        } catch (CryptoException offCurve) {
          // try another
        }
      }
    }

    @Test
    void flippedBitInAValidKeyOrSignatureIsRejectedOrDiffers() {
      BlsKeyPair kp = key(5);
      BlsSignature sig = kp.sign(MESSAGE);
      byte[] pk = kp.publicKey().bytes();
      pk[47] ^= 1;
      byte[] s = sig.bytes();
      s[95] ^= 1;
      // Either not a valid subgroup point (typed exception) or a different point that fails.
      try {
        assertThat(BlsPublicKey.fromBytes(pk).verify(MESSAGE, sig)).isFalse();
      } catch (CryptoException expected) {
        // fine
      }
      try {
        assertThat(kp.publicKey().verify(MESSAGE, BlsSignature.fromBytes(s))).isFalse();
      } catch (CryptoException expected) {
        // fine
      }
    }

    @Test
    void privateKeyMustBeANonZeroScalarBelowTheGroupOrder() {
      byte[] order =
          HEX.parseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
      byte[] orderMinusOne = order.clone();
      orderMinusOne[31] = 0;
      byte[] ones = new byte[32];
      Arrays.fill(ones, (byte) 0xFF);

      assertThatThrownBy(() -> BlsPrivateKey.fromBytes(new byte[32]))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("zero");
      assertThatThrownBy(() -> BlsPrivateKey.fromBytes(order)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPrivateKey.fromBytes(ones)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPrivateKey.fromBytes(new byte[31]))
          .isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsPrivateKey.fromBytes(new byte[33]))
          .isInstanceOf(CryptoException.class);

      BlsKeyPair max = BlsKeyPair.of(BlsPrivateKey.fromBytes(orderMinusOne));
      assertThat(max.publicKey().verify(MESSAGE, max.sign(MESSAGE))).isTrue();
      byte[] one = new byte[32];
      one[31] = 1;
      // (r - 1)·G = −G, so the two keys are negations of each other.
      assertThat(
              new P1(BlsPrivateKey.fromBytes(one).publicKey().point())
                  .add(max.publicKey().point())
                  .is_inf())
          .isTrue();
    }

    @Test
    void shortSeedsAreRejected() {
      assertThatThrownBy(() -> BlsPrivateKey.fromSeed(new byte[31]))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("at least 32");
    }

    static Stream<String> malformedBase64() {
      Base64.Encoder b64 = Base64.getEncoder();
      String validKey = key(6).publicKey().toBase64();
      return Stream.of(
          "",
          "not base64!",
          b64.encodeToString(new byte[47]),
          b64.encodeToString(new byte[49]),
          // URL-safe alphabet
          "-" + validKey.substring(1),
          // line breaks are not part of standard base64
          validKey.substring(0, 10) + "\n" + validKey.substring(10),
          // padding stripped from a length that needs it
          b64.withoutPadding().encodeToString(new byte[47]));
    }

    @ParameterizedTest
    @MethodSource("malformedBase64")
    void malformedBase64IsRejected(String text) {
      assertThatThrownBy(() -> BlsPublicKey.fromBase64(text)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> BlsSignature.fromBase64(text)).isInstanceOf(CryptoException.class);
    }
  }
}
