package dev.walrus.core.crypto;

import dev.walrus.core.Address;
import dev.walrus.core.hash.Blake2b256;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 account public key, 32 bytes, validated on construction as the canonical encoding
 * of a curve point other than the identity, and kept decoded so that each verification skips
 * the point decompression (the ledger verifies thousands of transactions a second).
 *
 * <p>Verification is BouncyCastle's RFC 8032 check. It agrees with Sui's verifier
 * (ed25519-consensus, ZIP 215 rules) on every signature produced by a conforming signer; the two
 * can differ only on crafted edge cases (non-canonical point encodings, small-order components),
 * which this side rejects.
 */
public final class Ed25519PublicKey {
  public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;
  /** Sui's signature-scheme flag for Ed25519, prefixed to the key when deriving an address. */
  public static final byte SUI_FLAG = 0x00;

  private final byte[] bytes;
  private final Ed25519.PublicPoint point;

  private Ed25519PublicKey(byte[] bytes, Ed25519.PublicPoint point) {
    this.bytes = bytes;
    this.point = point;
  }

  /** Parses and validates 32 bytes; throws {@link CryptoException}. */
  public static Ed25519PublicKey fromBytes(byte[] bytes) {
    CryptoBytes.checkLength(bytes, LENGTH, "Ed25519 public key");
    byte[] copy = bytes.clone();
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(copy, 0);
    if (point == null) {
      throw new CryptoException("Ed25519 public key is not a valid curve point");
    }
    return new Ed25519PublicKey(copy, point);
  }

  /**
   * Whether {@code signature} is a valid RFC 8032 (pure Ed25519) signature of {@code message}
   * under this key; {@code false}, never an exception, otherwise.
   */
  public boolean verify(byte[] message, Ed25519Signature signature) {
    return Ed25519.verify(signature.rawBytes(), 0, point, message, 0, message.length);
  }

  /** The Sui address of this key: {@code BLAKE2b-256(0x00 ‖ public key)}. */
  public Address toAddress() {
    Blake2b256 h = new Blake2b256();
    h.update(SUI_FLAG);
    h.update(bytes);
    return Address.of(h.digest());
  }

  byte[] rawBytes() {
    return bytes;
  }

  /** The 32 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Standard base64 of the 32 bytes. */
  @Override
  public String toString() {
    return CryptoBytes.encodeBase64(bytes);
  }
}
