package dev.walrus.core.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * A BLS12-381 secret scalar: a node's protocol key, which signs storage confirmations,
 * invalid-blob attestations, sync-shard requests and proofs of possession.
 *
 * <p>The byte form is the 32-byte big-endian scalar, as blst and fastcrypto serialise it, and
 * must lie in {@code [1, r)}. {@link #toString()} never shows it.
 */
public final class BlsPrivateKey {
  public static final int LENGTH = 32;
  /** Shortest key-generation seed the BLS KeyGen procedure allows. */
  public static final int MIN_SEED_LENGTH = 32;

  /** The order r of G1 and G2, big-endian. */
  private static final byte[] GROUP_ORDER =
      HexFormat.of()
          .parseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

  private final byte[] bytes;
  private final SecretKey secretKey;
  private final BlsPublicKey publicKey;

  private BlsPrivateKey(byte[] bytes, SecretKey secretKey) {
    this.bytes = bytes;
    this.secretKey = secretKey;
    P1 point = new P1(secretKey);
    this.publicKey = BlsPublicKey.trusted(point.compress(), point.to_affine());
  }

  /** A fresh key: 32 bytes from {@code random} used as the KeyGen seed, as fastcrypto does. */
  public static BlsPrivateKey generate(SecureRandom random) {
    byte[] ikm = new byte[MIN_SEED_LENGTH];
    random.nextBytes(ikm);
    try {
      return fromSeed(ikm);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /**
   * The key the BLS signature draft's KeyGen derives from {@code ikm} (blst {@code keygen}, empty
   * key info): deterministic, so a seed can stand in for the key.
   */
  public static BlsPrivateKey fromSeed(byte[] ikm) {
    if (ikm == null || ikm.length < MIN_SEED_LENGTH) {
      throw new CryptoException(
          "a BLS key seed needs at least " + MIN_SEED_LENGTH + " bytes, got "
              + (ikm == null ? "null" : ikm.length));
    }
    SecretKey sk = new SecretKey();
    sk.keygen(ikm);
    return new BlsPrivateKey(sk.to_bendian(), sk);
  }

  /** The key with this 32-byte big-endian scalar, which must be non-zero and below r. */
  public static BlsPrivateKey fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "BLS private key");
    boolean zero = true;
    for (byte b : bytes) {
      zero &= b == 0;
    }
    if (zero) {
      throw new CryptoException("BLS private key is zero");
    }
    if (Arrays.compareUnsigned(bytes, GROUP_ORDER) >= 0) {
      throw new CryptoException("BLS private key is not below the group order");
    }
    SecretKey sk = new SecretKey();
    sk.from_bendian(bytes);
    return new BlsPrivateKey(bytes.clone(), sk);
  }

  /** The 32-byte big-endian scalar (a copy); handle with care. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The matching public key, {@code sk·G1}. */
  public BlsPublicKey publicKey() {
    return publicKey;
  }

  /** Hash-to-G2 of {@code message} under the Walrus DST, times the scalar. */
  BlsSignature sign(byte[] message) {
    P2 point = new P2().hash_to(message, Bls.DST).sign_with(secretKey);
    return BlsSignature.trusted(point.compress(), point.to_affine());
  }

  /** Compares in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BlsPrivateKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** The public key's hash, so that the hash reveals nothing about the scalar. */
  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "BlsPrivateKey[redacted]";
  }
}
