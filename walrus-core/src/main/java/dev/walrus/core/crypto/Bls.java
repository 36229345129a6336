package dev.walrus.core.crypto;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * Shared constants and point decoding for BLS12-381 min-pk as Walrus uses it (public keys in G1,
 * signatures in G2), so the key and signature classes agree on one definition of "valid".
 */
final class Bls {
  /** Hash-to-G2 domain separation tag of the basic (no proof-of-possession) scheme. */
  static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_";

  private Bls() {}

  /**
   * Decompresses a 48-byte G1 point and checks it is in the prime-order subgroup and not the
   * identity. The length is checked first: blst would otherwise read 96 bytes as an uncompressed
   * point.
   */
  static P1_Affine decodeG1(byte[] bytes, String what) {
    CryptoBytes.checkLength(bytes, BlsPublicKey.LENGTH, what);
    P1_Affine point;
    try {
      point = new P1_Affine(bytes);
    } catch (RuntimeException e) {
      throw new CryptoException(what + " is not a valid compressed G1 point: " + e.getMessage());
    }
    if (point.is_inf()) {
      throw new CryptoException(what + " is the point at infinity");
    }
    if (!point.in_group()) {
      throw new CryptoException(what + " is not in the G1 prime-order subgroup");
    }
    return point;
  }

  /**
   * Decompresses a 96-byte G2 point (which puts it on the curve) and checks it is not the
   * identity, but leaves the subgroup check to whoever uses the point: blst's verification
   * checks it anyway ({@code core_verify} and the pairing aggregation test every signature for
   * G2 membership), and a G2 check costs about as much as the decompression itself — once per
   * decoding of a transaction on every replica, for nothing. See {@link #requireG2}.
   */
  static P2_Affine decodeG2(byte[] bytes, String what) {
    CryptoBytes.checkLength(bytes, BlsSignature.LENGTH, what);
    P2_Affine point;
    try {
      point = new P2_Affine(bytes);
    } catch (RuntimeException e) {
      throw new CryptoException(what + " is not a valid compressed G2 point: " + e.getMessage());
    }
    if (point.is_inf()) {
      throw new CryptoException(what + " is the point at infinity");
    }
    return point;
  }

  /** Throws unless {@code point} lies in the G2 prime-order subgroup. */
  static void requireG2(P2_Affine point, String what) {
    if (!point.in_group()) {
      throw new CryptoException(what + " is not in the G2 prime-order subgroup");
    }
  }
}
