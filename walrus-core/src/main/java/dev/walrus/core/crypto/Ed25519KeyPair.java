package dev.walrus.core.crypto;

import java.security.SecureRandom;

/** An Ed25519 account key with its public key: what a wallet signs transactions with. */
public final class Ed25519KeyPair {
  private final Ed25519PrivateKey privateKey;

  private Ed25519KeyPair(Ed25519PrivateKey privateKey) {
    this.privateKey = privateKey;
  }

  /** A fresh key pair from a new {@link SecureRandom}. */
  public static Ed25519KeyPair generate() {
    return generate(new SecureRandom());
  }

  public static Ed25519KeyPair generate(SecureRandom random) {
    return new Ed25519KeyPair(Ed25519PrivateKey.generate(random));
  }

  /** The pair of a stored private key. */
  public static Ed25519KeyPair of(Ed25519PrivateKey privateKey) {
    if (privateKey == null) {
      throw new CryptoException("Ed25519 private key is null");
    }
    return new Ed25519KeyPair(privateKey);
  }

  public Ed25519PrivateKey privateKey() {
    return privateKey;
  }

  public Ed25519PublicKey publicKey() {
    return privateKey.publicKey();
  }

  /** RFC 8032 pure Ed25519 signature of {@code message}. */
  public Ed25519Signature sign(byte[] message) {
    return privateKey.sign(message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519KeyPair other && privateKey.equals(other.privateKey);
  }

  @Override
  public int hashCode() {
    return privateKey.hashCode();
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "Ed25519KeyPair[publicKey=" + publicKey() + "]";
  }
}
