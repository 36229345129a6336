package dev.walrus.core;

/**
 * An account address: 32 bytes, written {@code 0x} + 64 lower-case hex digits.
 *
 * <p>Who owns objects and signs transactions; for an Ed25519 account it is derived from the
 * public key (see {@code Ed25519PublicKey.toAddress()}). Kept apart from {@link ObjectId}
 * although both are 32 bytes, so that an object ID cannot be passed where an owner is expected.
 * Ordering is unsigned byte-wise, which is the order of the hex text.
 */
public final class Address extends HexId implements Comparable<Address> {
  public static final int LENGTH = HexId.LENGTH;

  private Address(byte[] bytes) {
    super(bytes);
  }

  /**
   * The address with these 32 bytes (copied); throws {@link InvalidAddressException} for any other length.
   */
  public static Address of(byte[] bytes) {
    return new Address(copyOf(bytes, "address", InvalidAddressException::new));
  }

  /**
   * Parses {@code 0x} followed by exactly 64 hex digits (either case). Short forms such as
   * {@code 0x2} and text without the prefix are rejected with {@link InvalidAddressException}.
   */
  public static Address parse(String text) {
    return new Address(HexId.parse(text, "address", InvalidAddressException::new));
  }

  @Override
  public int compareTo(Address o) {
    return compareBytes(o);
  }
}
