package dev.walrus.core.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 account key: the 32-byte RFC 8032 seed (the form the JDK, BouncyCastle and Sui's
 * key files hold), from which the signing scalar and the public key are derived. {@link
 * #toString()} never shows it.
 */
public final class Ed25519PrivateKey {
  public static final int LENGTH = Ed25519.SECRET_KEY_SIZE;

  private final byte[] seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(byte[] seed) {
    this.seed = seed;
    byte[] pk = new byte[Ed25519PublicKey.LENGTH];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    this.publicKey = Ed25519PublicKey.fromBytes(pk);
  }

  public static Ed25519PrivateKey generate(SecureRandom random) {
    byte[] seed = new byte[LENGTH];
    Ed25519.generatePrivateKey(random, seed);
    return new Ed25519PrivateKey(seed);
  }

  /** The key with this 32-byte seed; every 32-byte value is a valid seed. */
  public static Ed25519PrivateKey fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "Ed25519 private key");
    return new Ed25519PrivateKey(bytes.clone());
  }

  /** The 32-byte seed (a copy); handle with care. */
  public byte[] bytes() {
    return seed.clone();
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** RFC 8032 pure Ed25519 (deterministic; no context, no pre-hash). */
  Ed25519Signature sign(byte[] message) {
    byte[] sig = new byte[Ed25519Signature.LENGTH];
    Ed25519.sign(seed, 0, publicKey.rawBytes(), 0, message, 0, message.length, sig, 0);
    return Ed25519Signature.trusted(sig);
  }

  /** Compares in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PrivateKey other && MessageDigest.isEqual(seed, other.seed);
  }

  /** The public key's hash, so that the hash reveals nothing about the seed. */
  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[redacted]";
  }
}
