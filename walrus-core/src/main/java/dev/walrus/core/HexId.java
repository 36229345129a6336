package dev.walrus.core;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * What {@link Address} and {@link ObjectId} share: 32 bytes, the text form {@code 0x} + 64 hex
 * digits, unsigned byte-wise order. One implementation for both, so the two types cannot drift
 * apart in what they accept; they stay distinct types (an ID never equals an address).
 */
abstract sealed class HexId permits Address, ObjectId {
  static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  HexId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The 32 bytes (a copy). */
  public final byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code out[off..off+32)}. */
  public final void copyTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, LENGTH);
  }

  final int compareBytes(HexId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((HexId) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code 0x} + 64 lower-case hex digits. */
  @Override
  public final String toString() {
    return "0x" + HEX.formatHex(bytes);
  }

  /**
   * The 32 bytes of {@code 0x} + 64 hex digits (either case); anything else — no prefix, short
   * forms such as {@code 0x2}, other characters — is reported through {@code error}.
   */
  static byte[] parse(String text, String what, Function<String, ? extends WalrusException> error) {
    if (text == null
        || text.length() != 2 + 2 * LENGTH
        || text.charAt(0) != '0'
        || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
      throw error.apply(
          "invalid " + what + " " + quote(text) + ": expected 0x followed by 64 hex digits");
    }
    for (int i = 2; i < text.length(); i++) {
      if (!isHexDigit(text.charAt(i))) {
        throw error.apply(
            "invalid " + what + " " + quote(text) + ": '" + text.charAt(i)
                + "' is not a hex digit");
      }
    }
    return HEX.parseHex(text, 2, text.length());
  }

  /** The 32 bytes (copied), or {@code error} if there are not exactly 32. */
  static byte[] copyOf(
      byte[] bytes, String what, Function<String, ? extends WalrusException> error) {
    if (bytes == null || bytes.length != LENGTH) {
      throw error.apply(
          "expected 32 bytes for " + what + ", got " + (bytes == null ? "null" : bytes.length));
    }
    return bytes.clone();
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'";
  }
}
