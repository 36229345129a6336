package dev.walrus.core.crypto;

import java.util.Arrays;
import java.util.Collection;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;

/**
 * A BLS12-381 min-pk public key: a G1 point, 48 bytes compressed.
 *
 * <p>Validated once, on construction (length, decompression, subgroup membership, not the
 * identity), and kept decompressed, because committees verify against the same keys again and
 * again: checking a certificate from a thousand signers then costs a thousand point additions
 * and one pairing check, not a thousand decompressions.
 *
 * <p>Rogue-key attacks on aggregation are excluded by the proof of possession every node gives
 * at registration; callers must only aggregate keys that came with one.
 */
public final class BlsPublicKey {
  public static final int LENGTH = 48;

  private final byte[] bytes;
  private final P1_Affine point;

  private BlsPublicKey(byte[] bytes, P1_Affine point) {
    this.bytes = bytes;
    this.point = point;
  }

  /** A key computed here (from a secret key or by aggregation), which needs no checks. */
  static BlsPublicKey trusted(byte[] compressed, P1_Affine point) {
    return new BlsPublicKey(compressed, point);
  }

  /** Parses and validates a 48-byte compressed G1 point; throws {@link CryptoException}. */
  public static BlsPublicKey fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "BLS public key");
    byte[] copy = bytes.clone();
    return new BlsPublicKey(copy, Bls.decodeG1(copy, "BLS public key"));
  }

  /** Parses standard padded base64 of the 48 bytes (the sync-shard {@code Authorization} form). */
  public static BlsPublicKey fromBase64(String text) {
    return fromBytes(CryptoBytes.decodeBase64(text, "BLS public key"));
  }

  /**
   * Whether {@code signature} is a valid signature of {@code message} (raw bytes, hashed to G2
   * with the Walrus DST) under this key. A wrong signature gives {@code false}, never an
   * exception.
   */
  public boolean verify(byte[] message, BlsSignature signature) {
    return verifyWith(point, message, signature);
  }

  /**
   * The sum of {@code keys}: the key that verifies the aggregate of their signatures on a common
   * message. Throws {@link CryptoException} for no keys or a sum that is the identity.
   */
  public static BlsPublicKey aggregate(Collection<BlsPublicKey> keys) {
    P1 sum = sum(keys);
    if (sum.is_inf()) {
      throw new CryptoException("aggregate BLS public key is the point at infinity");
    }
    return new BlsPublicKey(sum.compress(), sum.to_affine());
  }

  /**
   * Whether {@code aggregate} is the aggregate of signatures by every key in {@code keys} on the
   * same {@code message}: one key sum and one pairing check. {@code false} for an empty key list
   * or keys summing to the identity, never an exception.
   */
  public static boolean verifyAggregate(
      Collection<BlsPublicKey> keys, byte[] message, BlsSignature aggregate) {
    if (keys.isEmpty()) {
      return false;
    }
    P1 sum = sum(keys);
    if (sum.is_inf()) {
      return false;
    }
    return verifyWith(sum.to_affine(), message, aggregate);
  }

  /**
   * This key minus the sum of {@code keys}. A committee keeps the aggregate of all its members'
   * keys; the aggregate of the signers of a certificate is that total minus the non-signers,
   * which are usually far fewer than the signers, so this saves most of the point additions.
   * No keys gives this key. Throws {@link CryptoException} if the difference is the identity.
   */
  public BlsPublicKey subtract(Collection<BlsPublicKey> keys) {
    if (keys.isEmpty()) {
      return this;
    }
    P1 difference = sum(keys).neg().add(point);
    if (difference.is_inf()) {
      throw new CryptoException("BLS public key difference is the point at infinity");
    }
    return new BlsPublicKey(difference.compress(), difference.to_affine());
  }

  private static P1 sum(Collection<BlsPublicKey> keys) {
    if (keys.isEmpty()) {
      throw new CryptoException("cannot aggregate an empty set of BLS public keys");
    }
    P1 sum = new P1();
    for (BlsPublicKey key : keys) {
      sum.add(key.point);
    }
    return sum;
  }

  private static boolean verifyWith(P1_Affine key, byte[] message, BlsSignature signature) {
    return signature.point().core_verify(key, true, message, Bls.DST) == BLST_ERROR.BLST_SUCCESS;
  }

  P1_Affine point() {
    return point;
  }

  /** The 48-byte compressed point (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Standard base64 with padding of the 48 bytes. */
  public String toBase64() {
    return CryptoBytes.encodeBase64(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsPublicKey other && Arrays.equals(bytes, other.bytes);
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
