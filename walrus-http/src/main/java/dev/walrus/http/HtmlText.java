package dev.walrus.http;

/**
 * Text made safe for HTML: the servers that render pages (the Sites portal, the explorer) put
 * names, paths and attributes that anyone can register on the ledger into their pages, so every
 * such value goes through {@link #escape} once, here, rather than through a copy per server.
 */
public final class HtmlText {
  private HtmlText() {}

  /** {@code s} safe inside element content and inside single- or double-quoted attribute values. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
