package dev.walrus.sites;

import dev.walrus.core.ObjectId;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * A site's object ID as a hostname label: lowercase base36 of the 32 bytes read as an unsigned
 * big-endian number (at most 50 characters, so it fits a DNS label and survives case folding),
 * as Walrus Sites writes it (sites.md §1.4).
 */
public final class SiteIds {
  /** The longest base36 form of a 32-byte ID: 36^50 > 2^256. */
  public static final int MAX_LENGTH = 50;

  private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(8 * ObjectId.LENGTH);

  private SiteIds() {}

  public static String toBase36(ObjectId id) {
    return new BigInteger(1, id.bytes()).toString(36);
  }

  /** The ID a base36 label names, or empty if it is not one (wrong characters, too long, too big). */
  public static Optional<ObjectId> fromBase36(String label) {
    if (label.isEmpty() || label.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String lower = label.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
        return Optional.empty();
      }
    }
    BigInteger value = new BigInteger(lower, 36);
    if (value.compareTo(LIMIT) >= 0) {
      return Optional.empty();
    }
    byte[] raw = value.toByteArray(); // big-endian, possibly with a sign byte or shorter than 32
    byte[] out = new byte[ObjectId.LENGTH];
    int n = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - n, out, out.length - n, n);
    return Optional.of(ObjectId.of(out));
  }
}
