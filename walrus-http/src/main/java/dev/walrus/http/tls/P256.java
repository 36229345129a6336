package dev.walrus.http.tls;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * NIST P-256 (secp256r1) point and scalar arithmetic for the network key. BouncyCastle does the
 * curve maths (point decompression with an on-curve check, scalar multiplication); the keys handed
 * out are the JDK's own {@link ECPublicKey}/{@link ECPrivateKey}, so JSSE uses them directly.
 */
final class P256 {
  static final String CURVE = "secp256r1";
  static final int COMPRESSED_LENGTH = 33;
  static final int SCALAR_LENGTH = 32;

  private static final X9ECParameters BC = CustomNamedCurves.getByName(CURVE);
  private static final ECParameterSpec JDK = jdkParameters();

  private P256() {}

  /** Decodes a 33-byte SEC1 compressed point; rejects other lengths, prefixes and off-curve points. */
  static ECPublicKey decompress(byte[] compressed) {
    if (compressed == null || compressed.length != COMPRESSED_LENGTH) {
      throw new IllegalArgumentException("a network public key is a " + COMPRESSED_LENGTH
          + "-byte compressed P-256 point, got " + (compressed == null ? "none" : compressed.length + " bytes"));
    }
    if (compressed[0] != 0x02 && compressed[0] != 0x03) {
      throw new IllegalArgumentException(String.format(
          "a compressed P-256 point starts with 0x02 or 0x03, not 0x%02x", compressed[0] & 0xff));
    }
    ECPoint point;
    try {
      point = BC.getCurve().decodePoint(compressed).normalize();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a point on P-256 (" + e.getMessage() + ")");
    }
    if (point.isInfinity() || !point.isValid()) {
      throw new IllegalArgumentException("not a valid P-256 public key");
    }
    return publicKey(point);
  }

  /** The SEC1 compressed encoding of a P-256 public key. */
  static byte[] compress(ECPublicKey key) {
    if (!isP256(key)) {
      throw new IllegalArgumentException("not a P-256 key");
    }
    byte[] out = new byte[COMPRESSED_LENGTH];
    out[0] = (byte) (key.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
    byte[] x = unsigned(key.getW().getAffineX(), SCALAR_LENGTH);
    System.arraycopy(x, 0, out, 1, SCALAR_LENGTH);
    return out;
  }

  /** The compressed encoding if {@code key} is a P-256 key, otherwise null. */
  static byte[] compressedOrNull(PublicKey key) {
    return key instanceof ECPublicKey ec && isP256(ec) ? compress(ec) : null;
  }

  static boolean isP256(ECPublicKey key) {
    ECParameterSpec p = key.getParams();
    return p.getCurve().equals(JDK.getCurve()) && p.getGenerator().equals(JDK.getGenerator())
        && p.getOrder().equals(JDK.getOrder());
  }

  /** Whether {@code d} is a valid private scalar: 1 ≤ d < n. */
  static boolean isValidScalar(BigInteger d) {
    return d.signum() > 0 && d.compareTo(BC.getN()) < 0;
  }

  static ECPrivateKey privateKey(BigInteger d) {
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, JDK));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build a P-256 private key", e);
    }
  }

  /** The public key d·G, by a fixed-point comb (the multiplier BouncyCastle uses for key generation). */
  static ECPublicKey publicKey(BigInteger d) {
    return publicKey(new FixedPointCombMultiplier().multiply(BC.getG(), d).normalize());
  }

  /** The uncompressed SEC1 point 0x04 ‖ X ‖ Y. */
  static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[1 + 2 * SCALAR_LENGTH];
    out[0] = 0x04;
    System.arraycopy(unsigned(key.getW().getAffineX(), SCALAR_LENGTH), 0, out, 1, SCALAR_LENGTH);
    System.arraycopy(unsigned(key.getW().getAffineY(), SCALAR_LENGTH), 0, out, 1 + SCALAR_LENGTH, SCALAR_LENGTH);
    return out;
  }

  /** {@code v} as exactly {@code length} big-endian bytes (v must fit). */
  static byte[] unsigned(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    if (raw.length == length) {
      return raw;
    }
    if (raw.length == length + 1 && raw[0] == 0) {
      return Arrays.copyOfRange(raw, 1, raw.length);
    }
    if (raw.length > length) {
      throw new IllegalArgumentException("value does not fit in " + length + " bytes");
    }
    byte[] out = new byte[length];
    System.arraycopy(raw, 0, out, length - raw.length, raw.length);
    return out;
  }

  private static ECPublicKey publicKey(ECPoint p) {
    java.security.spec.ECPoint w = new java.security.spec.ECPoint(
        p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, JDK));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build a P-256 public key", e);
    }
  }

  private static ECParameterSpec jdkParameters() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(CURVE));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
