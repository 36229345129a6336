package dev.walrus.core.crypto;

import java.security.SecureRandom;

/** A BLS private key with its public key: what a storage node signs protocol messages with. */
public final class BlsKeyPair {
  private final BlsPrivateKey privateKey;

  private BlsKeyPair(BlsPrivateKey privateKey) {
    this.privateKey = privateKey;
  }

  /** A fresh key pair from a new {@link SecureRandom}. */
  public static BlsKeyPair generate() {
    return generate(new SecureRandom());
  }

  public static BlsKeyPair generate(SecureRandom random) {
    return new BlsKeyPair(BlsPrivateKey.generate(random));
  }

  /** The pair of a stored private key. */
  public static BlsKeyPair of(BlsPrivateKey privateKey) {
    if (privateKey == null) {
      throw new CryptoException("BLS private key is null");
    }
    return new BlsKeyPair(privateKey);
  }

  public BlsPrivateKey privateKey() {
    return privateKey;
  }

  public BlsPublicKey publicKey() {
    return privateKey.publicKey();
  }

  /** Signs the raw bytes of {@code message} (hash-to-G2 with the Walrus DST). */
  public BlsSignature sign(byte[] message) {
    return privateKey.sign(message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsKeyPair other && privateKey.equals(other.privateKey);
  }

  @Override
  public int hashCode() {
    return privateKey.hashCode();
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "BlsKeyPair[publicKey=" + publicKey() + "]";
  }
}
