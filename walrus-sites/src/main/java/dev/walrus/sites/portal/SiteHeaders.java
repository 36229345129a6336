package dev.walrus.sites.portal;

import dev.walrus.ledger.api.SiteHeader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** The headers the portal sends with a site's file and with its own pages. */
final class SiteHeaders {
  /**
   * The default lifetime of a site's file in caches. A site changes whenever it is redeployed and
   * its paths keep their names, so a long lifetime would keep old pages after a redeploy; a minute
   * bounds that, and after it the ETag (the file's SHA-256, known from the ledger alone) makes
   * revalidation a 304 that costs no aggregator read. A site sets its own with a {@code
   * Cache-Control} header rule (e.g. immutable, hashed asset names).
   */
  static final String DEFAULT_CACHE_CONTROL = "public, max-age=60";

  /**
   * Safe defaults a site can override: no MIME sniffing (a file is what its Content-Type says, so
   * an uploaded text file cannot run as a script); the path of a page is not sent to other
   * origins; no framing by other origins (clickjacking). No Content-Security-Policy: a restrictive
   * default breaks sites' own scripts and routing (sites.md §4.10), and each site already has an
   * origin of its own.
   */
  static final List<HttpField> SECURITY = List.of(
      new HttpField("X-Content-Type-Options", "nosniff"),
      new HttpField("Referrer-Policy", "strict-origin-when-cross-origin"),
      new HttpField("X-Frame-Options", "SAMEORIGIN"));

  /** Headers a site cannot set: message framing and connection management are the portal's. */
  private static final Set<String> RESERVED = Set.of("content-length", "transfer-encoding", "connection",
      "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "proxy-authenticate", "content-range",
      "accept-ranges", "etag", "date", "server", "x-wal-quilt-patch-internal-id");

  private SiteHeaders() {}

  /** The defaults, then the site's own headers over them. */
  static void forResource(HttpFields.Mutable h, List<SiteHeader> site) {
    h.put(HttpHeader.CACHE_CONTROL, DEFAULT_CACHE_CONTROL);
    SECURITY.forEach(h::put);
    for (SiteHeader s : site) {
      String name = s.name();
      if (!isToken(name) || !isHeaderValue(s.value()) || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      h.put(name, s.value());
    }
    if (!h.contains(HttpHeader.CONTENT_TYPE)) {
      h.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    }
  }

  /** The portal's own pages: HTML, never cached (they say what is wrong now), the security defaults. */
  static void forPage(HttpFields.Mutable h) {
    h.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    SECURITY.forEach(h::put);
  }

  /** An HTTP field name (RFC 9110 §5.6.2). */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
        return false;
      }
    }
    return true;
  }

  /** A value that can be sent as it is: no line breaks, NUL or characters beyond Latin-1. */
  static boolean isHeaderValue(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
        return false;
      }
    }
    return true;
  }
}
