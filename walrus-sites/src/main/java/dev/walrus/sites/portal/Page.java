package dev.walrus.sites.portal;

import dev.walrus.http.HtmlText;
import java.nio.charset.StandardCharsets;

/**
 * One of the portal's own HTML pages (landing, errors): a status, a title and paragraphs of text,
 * every piece of which is HTML-escaped — hosts, paths and IDs in them come from the request or
 * the ledger. Code samples go in {@code <code>} blocks.
 */
record Page(int status, String title, String html) {

  static Page of(int status, String title, String... paragraphs) {
    StringBuilder body = new StringBuilder();
    for (String p : paragraphs) {
      body.append("<p>").append(p).append("</p>\n");
    }
    return new Page(status, title, body.toString());
  }

  byte[] render() {
    String doc = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + escape(title) + "</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}"
        + "code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px;word-break:break-all}"
        + "h1{font-size:1.5rem}footer{margin-top:2rem;color:#777;font-size:.85rem}</style></head><body>\n"
        + "<h1>" + escape(title) + "</h1>\n" + html
        + "<footer>Walrus Sites portal (walrus-java)" + (status >= 400 ? " · HTTP " + status : "") + "</footer>\n"
        + "</body></html>\n";
    return doc.getBytes(StandardCharsets.UTF_8);
  }

  static String escape(String s) {
    return HtmlText.escape(s);
  }

  static String code(String s) {
    return "<code>" + escape(s) + "</code>";
  }
}
