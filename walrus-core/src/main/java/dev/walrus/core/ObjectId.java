package dev.walrus.core;

import java.util.Arrays;

/**
 * The ID of an on-chain object (a {@code Blob}, a {@code Storage} resource, a node's staking
 * pool…): 32 bytes, written {@code 0x} + 64 lower-case hex digits.
 *
 * <p>Kept apart from {@link Address} although both are 32 bytes, so that an owner cannot be
 * passed where an object is expected. Ordering is unsigned byte-wise, which is the order of the
 * hex text.
 */
public final class ObjectId implements Comparable<ObjectId> {
  public static final int LENGTH = HexIds.LENGTH;

  private final byte[] bytes;

  private ObjectId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The object ID with these 32 bytes (copied); throws {@link InvalidObjectIdException} for any
   * other length.
   */
  public static ObjectId of(byte[] bytes) {
    return new ObjectId(HexIds.copyOf(bytes, "object ID", InvalidObjectIdException::new));
  }

  /**
   * Parses {@code 0x} followed by exactly 64 hex digits (either case). Short forms such as
   * {@code 0x2} and text without the prefix are rejected with {@link InvalidObjectIdException}.
   */
  public static ObjectId parse(String text) {
    return new ObjectId(HexIds.parse(text, "object ID", InvalidObjectIdException::new));
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
  public int compareTo(ObjectId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectId other && Arrays.equals(bytes, other.bytes);
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
