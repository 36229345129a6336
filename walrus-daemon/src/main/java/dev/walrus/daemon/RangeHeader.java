package dev.walrus.daemon;

/**
 * A {@code Range} request header, as the aggregator accepts it: one range, both ends given
 * ({@code bytes=a-b}, inclusive). Anything else is refused with 416 {@code INVALID_BYTE_RANGE},
 * as Walrus does — suffix ({@code bytes=-n}) and open ({@code bytes=a-}) ranges included.
 */
record RangeHeader(long start, long end) {

  long length() {
    return end - start + 1;
  }

  static RangeHeader parse(String value) {
    String v = value.trim();
    if (!v.regionMatches(true, 0, "bytes=", 0, 6)) {
      throw invalid("invalid range header format: expected bytes=START-END");
    }
    String[] ranges = v.substring(6).split(",", -1);
    if (ranges.length != 1) {
      throw invalid("only support one range per request");
    }
    String range = ranges[0].trim();
    int dash = range.indexOf('-');
    if (dash < 0) {
      throw invalid("invalid range header format: expected bytes=START-END");
    }
    String start = range.substring(0, dash).trim();
    String end = range.substring(dash + 1).trim();
    if (start.isEmpty()) {
      throw invalid("must provide start index");
    }
    if (end.isEmpty()) {
      throw invalid("must provide end index");
    }
    long a = number(start);
    long b = number(end);
    if (a > b) {
      throw invalid("start index must be less than end index");
    }
    if (b == Long.MAX_VALUE) {
      throw invalid("the range is too large");
    }
    return new RangeHeader(a, b);
  }

  private static long number(String text) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
      throw invalid("invalid range header format: '" + text + "' is not a byte position");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid("invalid range header format: '" + text + "' is too large");
    }
  }

  private static DaemonError invalid(String message) {
    return DaemonError.invalidByteRange(416, message);
  }
}
