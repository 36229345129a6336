package dev.walrus.core.quilt;

import dev.walrus.core.quilt.QuiltException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The rules for patch identifiers, as Walrus's {@code validate_quilt_identifier}: not empty, at
 * most 65535 UTF-8 bytes, no trailing whitespace (Unicode {@code White_Space}, as Rust's {@code
 * trim_end}), no control character (general category Cc). Patches are ordered by the identifiers'
 * UTF-8 bytes, as Rust orders strings.
 */
public final class QuiltIdentifiers {
  /** The most UTF-8 bytes an identifier may have: its length field is a u16. */
  public static final int MAX_BYTES = 65535;

  /** Byte-wise order of the UTF-8 encodings (differs from {@link String#compareTo} above U+FFFF). */
  public static final Comparator<String> UTF8_ORDER = (a, b) ->
      Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private QuiltIdentifiers() {}

  /**
   * @throws QuiltException ({@link Reason#INVALID_IDENTIFIER}) naming the broken rule
   */
  public static void validate(String identifier) {
    if (identifier == null || identifier.isEmpty()) {
      throw invalid("identifier is empty");
    }
    int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw invalid("identifier too long: " + bytes + " bytes, at most " + MAX_BYTES);
    }
    int last = identifier.codePointBefore(identifier.length());
    if (isUnicodeWhiteSpace(last)) {
      throw invalid("identifier contains trailing whitespace: '" + identifier + "'");
    }
    if (identifier.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid("identifier contains control characters: '" + printable(identifier) + "'");
    }
  }

  /** Unicode's {@code White_Space} property (Java's {@link Character#isWhitespace} differs). */
  static boolean isUnicodeWhiteSpace(int c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
        || c == 0x3000;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  private static QuiltException invalid(String message) {
    return new QuiltException(Reason.INVALID_IDENTIFIER, "invalid identifier: " + message);
  }
}
