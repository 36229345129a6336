package dev.walrus.core.crypto;

import java.util.Arrays;
import java.util.Collection;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * A BLS12-381 min-pk signature, or an aggregate of several on one message: a G2 point, 96 bytes
 * compressed. Validated on construction (length, decompression, subgroup membership, not the
 * identity), so a signature object is always a usable point.
 */
public final class BlsSignature {
  public static final int LENGTH = 96;

  private final byte[] bytes;
  private final P2_Affine point;

  private BlsSignature(byte[] bytes, P2_Affine point) {
    this.bytes = bytes;
    this.point = point;
  }

  static BlsSignature trusted(byte[] compressed, P2_Affine point) {
    return new BlsSignature(compressed, point);
  }

  /** Parses and validates a 96-byte compressed G2 point; throws {@link CryptoException}. */
  public static BlsSignature fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "BLS signature");
    byte[] copy = bytes.clone();
    return new BlsSignature(copy, Bls.decodeG2(copy, "BLS signature"));
  }

  /** Parses standard padded base64 of the 96 bytes, the JSON form of Walrus. */
  public static BlsSignature fromBase64(String text) {
    return fromBytes(CryptoBytes.decodeBase64(text, "BLS signature"));
  }

  /**
   * The sum of {@code signatures}, which verifies under the sum of the signers' keys when all
   * signed the same message. Throws {@link CryptoException} for no signatures or a sum that is
   * the identity.
   */
  public static BlsSignature aggregate(Collection<BlsSignature> signatures) {
    if (signatures.isEmpty()) {
      throw new CryptoException("cannot aggregate an empty set of BLS signatures");
    }
    P2 sum = new P2();
    for (BlsSignature signature : signatures) {
      sum.add(signature.point);
    }
    if (sum.is_inf()) {
      throw new CryptoException("aggregate BLS signature is the point at infinity");
    }
    return new BlsSignature(sum.compress(), sum.to_affine());
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
