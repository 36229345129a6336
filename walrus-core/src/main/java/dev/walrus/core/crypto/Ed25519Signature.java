package dev.walrus.core.crypto;

import java.util.Arrays;

/**
 * An Ed25519 signature, {@code R ‖ S}, 64 bytes. Only the length is checked here; whether
 * {@code R} and {@code S} are well-formed is part of verification, which then returns {@code
 * false}.
 */
public final class Ed25519Signature {
  public static final int LENGTH = 64;

  private final byte[] bytes;

  private Ed25519Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  static Ed25519Signature trusted(byte[] bytes) {
    return new Ed25519Signature(bytes);
  }

  /** The signature with these 64 bytes (copied); throws {@link CryptoException} otherwise. */
  public static Ed25519Signature fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "Ed25519 signature");
    return new Ed25519Signature(bytes.clone());
  }

  byte[] rawBytes() {
    return bytes;
  }

  /** The 64 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519Signature other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Standard base64 of the 64 bytes. */
  @Override
  public String toString() {
    return CryptoBytes.encodeBase64(bytes);
  }
}
