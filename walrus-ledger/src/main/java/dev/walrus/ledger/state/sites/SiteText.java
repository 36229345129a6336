package dev.walrus.ledger.state.sites;

/** Text measures the site rules need: UTF-8 sizes, well-formedness and order, without copying. */
final class SiteText {
  private SiteText() {}

  /** The UTF-8 length of {@code s}, or -1 if it holds an unpaired surrogate (not encodable). */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return -1;
        }
        n += 4;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return -1;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Whether {@code s} holds a C0 or C1 control character or DEL. */
  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Compares by code point, which orders strings as their UTF-8 bytes do. UTF-16 order differs
   * only where both units are at or above U+D800: there, surrogates (U+D800–DFFF) are moved above
   * U+E000–FFFF, as in ICU's code-point-order comparison. Char by char, without decoding, because
   * it runs in every lookup of the resource table (the profile of a 100 000-resource deploy).
   */
  static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        return ca >= 0xD800 && cb >= 0xD800 ? Integer.compare(codePointRank(ca), codePointRank(cb)) : ca - cb;
      }
    }
    return a.length() - b.length();
  }

  private static int codePointRank(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
