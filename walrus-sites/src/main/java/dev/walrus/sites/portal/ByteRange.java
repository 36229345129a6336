package dev.walrus.sites.portal;

import java.util.Optional;

/**
 * A client's {@code Range} header (RFC 9110 §14.2) against a body of known length. Only a single
 * {@code bytes} range is answered with 206; several ranges, another unit or a malformed header
 * are answered with the whole body (200), which RFC 9110 allows, and a range that starts past the
 * end with 416.
 */
record ByteRange(long start, long end) {

  long length() {
    return end - start + 1;
  }

  /** What to do about a Range header. */
  sealed interface Decision {}

  /** Send the whole body. */
  record Whole() implements Decision {}

  /** Send this part (206). */
  record Part(ByteRange range) implements Decision {}

  /** Nothing of the body lies in the range (416). */
  record Unsatisfiable() implements Decision {}

  static Decision decide(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String v = header.trim();
    if (!v.regionMatches(true, 0, "bytes=", 0, 6) || v.indexOf(',') >= 0) {
      return new Whole();
    }
    String spec = v.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    Optional<Long> first = number(spec.substring(0, dash).trim());
    Optional<Long> last = number(spec.substring(dash + 1).trim());
    boolean hasFirst = dash > 0;
    boolean hasLast = dash < spec.length() - 1;
    if (hasFirst && first.isEmpty() || hasLast && last.isEmpty() || !hasFirst && !hasLast) {
      return new Whole();
    }
    if (!hasFirst) { // suffix: the last N bytes
      long n = last.get();
      if (n == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(new ByteRange(Math.max(0, size - n), size - 1));
    }
    long a = first.get();
    if (hasLast && last.get() < a) {
      return new Whole(); // invalid: RFC 9110 says ignore it
    }
    if (a >= size) {
      return new Unsatisfiable();
    }
    long b = hasLast ? Math.min(last.get(), size - 1) : size - 1;
    return new Part(new ByteRange(a, b));
  }

  private static Optional<Long> number(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(s));
  }
}
