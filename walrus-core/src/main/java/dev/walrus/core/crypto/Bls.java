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

  /** As {@link #decodeG1} for a 96-byte compressed G2 point. */
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
    if (!point.in_group()) {
      throw new CryptoException(what + " is not in the G2 prime-order subgroup");
    }
    return point;
  }
}
