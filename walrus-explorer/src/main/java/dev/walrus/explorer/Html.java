package dev.walrus.explorer;

import dev.walrus.http.HtmlText;
import java.util.List;

/**
 * The explorer's whole template language: escaping and a few builders. Everything that reaches a
 * page from the ledger, a node or the request (names, attributes, IDs, error messages) goes
 * through {@link #text}; only the literal markup of the pages themselves is not escaped.
 */
final class Html {
  private Html() {}

  /** {@code s} safe inside element content and quoted attribute values. */
  static String text(Object value) {
    return HtmlText.escape(String.valueOf(value));
  }

  static String code(Object value) {
    return "<code>" + text(value) + "</code>";
  }

  /** A link to one of the explorer's own pages; {@code path} is built from escaped pieces by callers. */
  static String link(String path, Object label) {
    return "<a href=\"" + text(path) + "\">" + text(label) + "</a>";
  }

  /** A link whose label is an ID in code type. */
  static String idLink(String path, Object id) {
    return "<a href=\"" + text(path) + "\"><code>" + text(id) + "</code></a>";
  }

  static String heading(String title) {
    return "<h1>" + text(title) + "</h1>\n";
  }

  static String section(String title, String body) {
    return "<section><h2>" + text(title) + "</h2>\n" + body + "</section>\n";
  }

  static String paragraph(String html) {
    return "<p>" + html + "</p>\n";
  }

  /** A definition list of label, value-HTML pairs: the facts of one object. */
  static String facts(List<String[]> rows) {
    StringBuilder b = new StringBuilder("<dl class=\"facts\">\n");
    for (String[] r : rows) {
      b.append("<dt>").append(text(r[0])).append("</dt><dd>").append(r[1]).append("</dd>\n");
    }
    return b.append("</dl>\n").toString();
  }

  /** A table with escaped headers and cells given as HTML. */
  static String table(String cssClass, List<String> headers, List<List<String>> rows) {
    return tableWith("class=\"" + text(cssClass) + "\"", headers, rows);
  }

  /** A table whose opening tag carries {@code attributes}, markup the caller built and escaped. */
  static String tableWith(String attributes, List<String> headers, List<List<String>> rows) {
    StringBuilder b = new StringBuilder("<table " + attributes + "><thead><tr>");
    headers.forEach(h -> b.append("<th>").append(text(h)).append("</th>"));
    b.append("</tr></thead><tbody>\n");
    for (List<String> r : rows) {
      b.append("<tr>");
      r.forEach(c -> b.append("<td>").append(c).append("</td>"));
      b.append("</tr>\n");
    }
    return b.append("</tbody></table>\n").toString();
  }

  /** A progress bar that works without script: {@code done} of {@code total}, labelled. */
  static String progress(long done, long total, String label) {
    long pct = total <= 0 ? 0 : Math.max(0, Math.min(100, done * 100 / total));
    return "<div class=\"bar\" role=\"progressbar\" aria-valuenow=\"" + pct + "\" aria-valuemin=\"0\" "
        + "aria-valuemax=\"100\"><div style=\"width:" + pct + "%\"></div></div><div class=\"barlabel\">"
        + text(label) + "</div>\n";
  }

  /**
   * An inline SVG sparkline of {@code values} (one per epoch, oldest first): no script, no
   * library. Fewer than two values draw nothing.
   */
  static String sparkline(List<Long> values, String label) {
    if (values.size() < 2) {
      return "";
    }
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    int w = 240;
    int h = 40;
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      long x = Math.round(i * (double) w / (values.size() - 1));
      long y = h - Math.round(values.get(i) * (double) (h - 2) / max) - 1;
      points.append(x).append(',').append(y).append(' ');
    }
    return "<svg class=\"spark\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h
        + "\" role=\"img\" aria-label=\"" + text(label) + "\"><title>" + text(label) + "</title>"
        + "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"" + points.toString().trim()
        + "\"/></svg>";
  }

  /** A whole document: the navigation, the search box, the page body. */
  static String document(String title, String body, int status) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + text(title) + " · Walrus explorer</title>"
        + "<link rel=\"stylesheet\" href=\"/static/explorer.css\"></head><body>\n"
        + "<header><a class=\"brand\" href=\"/\">Walrus explorer</a><nav>"
        + "<a href=\"/\">Network</a><a href=\"/nodes\">Nodes</a><a href=\"/events\">Events</a></nav>"
        + "<form action=\"/search\" method=\"get\"><input name=\"q\" type=\"search\" size=\"40\" "
        + "placeholder=\"blob ID, object ID or account\" aria-label=\"search\"><button>Search</button></form>"
        + "</header>\n<main>\n" + body + "</main>\n<footer>walrus-java explorer"
        + (status >= 400 ? " · HTTP " + status : "") + " · every page has a JSON twin under /api</footer>\n"
        + "</body></html>\n";
  }
}
