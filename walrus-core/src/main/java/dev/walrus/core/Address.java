package dev.walrus.core;

import java.util.Arrays;

/**
 * An account address: 32 bytes, written {@code 0x} + 64 lower-case hex digits.
 *
 * <p>Who owns objects and signs transactions; for an Ed25519 account it is derived from the
 * public key (see {@code Ed25519PublicKey.toAddress()}). Kept apart from {@link ObjectId}
 * although both are 32 bytes, so that an object ID cannot be passed where an owner is expected.
 * Ordering is unsigned byte-wise, which is the order of the hex text.
 */
public final class Address implements Comparable<Address> {
  public static final int LENGTH = HexIds.LENGTH;

  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The address with these 32 bytes (copied); throws {@link InvalidAddressException} for any other
   * length.
   */
  public static Address of(byte[] bytes) {
    return new Address(HexIds.copyOf(bytes, "address", InvalidAddressException::new));
  }

  /**
   * Parses {@code 0x} followed by exactly 64 hex digits (either case). Short forms such as
   * {@code 0x2} and text without the prefix are rejected with {@link InvalidAddressException}.
   */
  public static Address parse(String text) {
    return new Address(HexIds.parse(text, "address", InvalidAddressException::new));
  }

  /** The 32 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code out[off..off+32)}. */
  public void copyTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, LENGTH);
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code 0x} + 64 lower-case hex digits. */
  @Override
  public String toString() {
    return HexIds.format(bytes);
  }
}
