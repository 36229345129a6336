package dev.walrus.core;

/**
 * The ID of an on-chain object (a {@code Blob}, a {@code Storage} resource, a node's staking
 * pool…): 32 bytes, written {@code 0x} + 64 lower-case hex digits.
 *
 * <p>Kept apart from {@link Address} although both are 32 bytes, so that an owner cannot be
 * passed where an object is expected. Ordering is unsigned byte-wise, which is the order of the
 * hex text.
 */
public final class ObjectId extends HexId implements Comparable<ObjectId> {
  public static final int LENGTH = HexId.LENGTH;

  private ObjectId(byte[] bytes) {
    super(bytes);
  }

  /**
   * The object ID with these 32 bytes (copied); throws {@link InvalidObjectIdException} for any other length.
   */
  public static ObjectId of(byte[] bytes) {
    return new ObjectId(copyOf(bytes, "object ID", InvalidObjectIdException::new));
  }

  /**
   * Parses {@code 0x} followed by exactly 64 hex digits (either case). Short forms such as
   * {@code 0x2} and text without the prefix are rejected with {@link InvalidObjectIdException}.
   */
  public static ObjectId parse(String text) {
    return new ObjectId(HexId.parse(text, "object ID", InvalidObjectIdException::new));
  }

  @Override
  public int compareTo(ObjectId o) {
    return compareBytes(o);
  }
}
