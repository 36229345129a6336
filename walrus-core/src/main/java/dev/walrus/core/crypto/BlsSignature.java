package dev.walrus.core.crypto;

import java.util.Arrays;
import java.util.Collection;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * A BLS12-381 min-pk signature, or an aggregate of several on one message: a G2 point, 96 bytes
 * compressed. Checked on construction for length, decompression (so it is a point of the curve)
 * and not being the identity.
 *
 * <p>Membership of the prime-order subgroup is checked where it matters, once: verification
 * ({@link BlsPublicKey#verify}, {@link BlsBatch}) rejects a signature outside G2 (blst checks it
 * there in any case), and {@link #aggregate} checks each signature it adds, so that torsion
 * components of invalid signatures cannot cancel out in a sum. A signature outside G2 is
 * therefore never valid, as before; it is refused when verified rather than when parsed, which
 * spares a G2 check every time a signature is merely decoded (a ledger transaction carrying a
 * certificate is decoded on every replica).
 */
public final class BlsSignature {
  public static final int LENGTH = 96;

  private final byte[] bytes;
  private final P2_Affine point;
  /** Whether the point is known to lie in G2 (computed here, or checked once). */
  private volatile boolean inGroup;

  private BlsSignature(byte[] bytes, P2_Affine point, boolean inGroup) {
    this.bytes = bytes;
    this.point = point;
    this.inGroup = inGroup;
  }

  /** A signature computed here (by signing or aggregating checked signatures). */
  static BlsSignature trusted(byte[] compressed, P2_Affine point) {
    return new BlsSignature(compressed, point, true);
  }

  /**
   * Parses a 96-byte compressed G2 point (length, decompression, not the identity); throws
   * {@link CryptoException}. Subgroup membership is checked when the signature is verified or
   * aggregated.
   */
  public static BlsSignature fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "BLS signature");
    byte[] copy = bytes.clone();
    return new BlsSignature(copy, Bls.decodeG2(copy, "BLS signature"), false);
  }

  /** Throws {@link CryptoException} unless the point lies in the G2 prime-order subgroup. */
  public void requireInGroup() {
    if (!inGroup) {
      Bls.requireG2(point, "BLS signature");
      inGroup = true;
    }
  }

  /** Parses standard padded base64 of the 96 bytes, the JSON form of Walrus. */
  public static BlsSignature fromBase64(String text) {
    return fromBytes(CryptoBytes.decodeBase64(text, "BLS signature"));
  }

  /**
   * The sum of {@code signatures}, which verifies under the sum of the signers' keys when all
   * signed the same message. Throws {@link CryptoException} for no signatures, a signature
   * outside G2, or a sum that is the identity.
   */
  public static BlsSignature aggregate(Collection<BlsSignature> signatures) {
    if (signatures.isEmpty()) {
      throw new CryptoException("cannot aggregate an empty set of BLS signatures");
    }
    P2 sum = new P2();
    for (BlsSignature signature : signatures) {
      signature.requireInGroup();
      sum.add(signature.point);
    }
    if (sum.is_inf()) {
      throw new CryptoException("aggregate BLS signature is the point at infinity");
    }
    return trusted(sum.compress(), sum.to_affine());
  }

  P2_Affine point() {
    return point;
  }

  /** The 96-byte compressed point (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 96 bytes into {@code out[off..off+96)}. */
  public void copyTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, LENGTH);
  }

  /** Standard base64 with padding, the JSON form of Walrus. */
  public String toBase64() {
    return CryptoBytes.encodeBase64(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsSignature other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The base64 form. */
  @Override
  public String toString() {
    return toBase64();
  }
}
