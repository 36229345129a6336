package dev.walrus.ledger.state.sites;

import static dev.walrus.ledger.state.sites.SiteErrors.MODULE;
import static dev.walrus.ledger.state.sites.SiteLimits.*;

import dev.walrus.ledger.api.ResourceRange;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.state.Abort;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape rules of site data, checked before a site operation changes anything. They exist so
 * that whatever the ledger accepts, a portal can serve safely: paths that cannot climb out of the
 * site or smuggle separators, header lines that cannot be split, bounded sizes.
 */
final class SiteValidation {
  /** RFC 7230 {@code tchar} minus upper-case letters (names are stored lowercase, sites.md §2.1). */
  private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

  private SiteValidation() {}

  static void name(String name) {
    int bytes = SiteText.utf8Length(name);
    check(bytes > 0 && bytes <= MAX_NAME_BYTES, SiteErrors.INVALID_NAME,
        "a site name has 1 to " + MAX_NAME_BYTES + " bytes of UTF-8, not " + describeLength(bytes));
    check(!SiteText.hasControl(name), SiteErrors.INVALID_NAME, "a site name holds no control characters");
  }

  static void metadata(SiteMetadata m) {
    field("link", m.link());
    field("imageUrl", m.imageUrl());
    field("description", m.description());
    field("projectUrl", m.projectUrl());
    field("creator", m.creator());
  }

  private static void field(String what, Optional<String> value) {
    if (value.isEmpty()) {
      return;
    }
    int bytes = SiteText.utf8Length(value.get());
    check(bytes >= 0 && bytes <= MAX_METADATA_FIELD_BYTES, SiteErrors.INVALID_METADATA,
        "metadata " + what + " has at most " + MAX_METADATA_FIELD_BYTES + " bytes of UTF-8, not " + describeLength(bytes));
    check(!SiteText.hasControl(value.get()), SiteErrors.INVALID_METADATA,
        "metadata " + what + " holds no control characters");
  }

  /**
   * A resource path: {@code /} alone, or {@code /} followed by non-empty segments separated by
   * {@code /}, none of them {@code .} or {@code ..}; no backslash, no control character, at most
   * {@link SiteLimits#MAX_PATH_BYTES} bytes of UTF-8.
   */
  static void path(String path) {
    String shown = shown(path);
    int bytes = SiteText.utf8Length(path);
    check(bytes >= 0, SiteErrors.INVALID_PATH, "path " + shown + " is not valid Unicode");
    check(path.startsWith("/"), SiteErrors.INVALID_PATH, "path " + shown + " does not start with '/'");
    check(bytes <= MAX_PATH_BYTES, SiteErrors.INVALID_PATH,
        "path " + shown + " has " + bytes + " bytes of UTF-8, more than " + MAX_PATH_BYTES);
    check(!SiteText.hasControl(path), SiteErrors.INVALID_PATH, "path " + shown + " holds a control character");
    check(path.indexOf('\\') < 0, SiteErrors.INVALID_PATH, "path " + shown + " holds a backslash");
    if (path.equals("/")) {
      return;
    }
    int start = 1;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      check(!segment.isEmpty(), SiteErrors.INVALID_PATH,
          "path " + shown + " has an empty segment ('//' or a trailing '/')");
      check(!segment.equals(".") && !segment.equals(".."), SiteErrors.INVALID_PATH,
          "path " + shown + " has a '" + segment + "' segment");
      start = end + 1;
    }
  }

  static void resource(SiteResource r) {
    path(r.path());
    headers(r.path(), r.headers());
    check(r.blobHash() != null && r.blobHash().length == BLOB_HASH_BYTES, SiteErrors.INVALID_BLOB_HASH,
        "resource " + shown(r.path()) + ": the blob hash is a SHA-256 of " + BLOB_HASH_BYTES + " bytes, not "
            + (r.blobHash() == null ? "absent" : r.blobHash().length));
    r.quiltPatch().ifPresent(p -> quiltPatch(r.path(), p));
    r.range().ifPresent(range -> range(r.path(), range));
  }

  private static void headers(String path, List<SiteHeader> headers) {
    String where = "resource " + shown(path) + ": ";
    check(headers.size() <= MAX_HEADERS, SiteErrors.INVALID_HEADER,
        where + headers.size() + " headers, more than " + MAX_HEADERS);
    Set<String> seen = new HashSet<>();
    for (SiteHeader h : headers) {
      String name = h.name();
      check(!name.isEmpty() && name.length() <= MAX_HEADER_NAME_BYTES && isLowerToken(name), SiteErrors.INVALID_HEADER,
          where + "header name " + shown(name) + " is not 1 to " + MAX_HEADER_NAME_BYTES
              + " lowercase token characters (a-z 0-9 " + TOKEN_PUNCTUATION + ")");
      check(seen.add(name), SiteErrors.INVALID_HEADER, where + "header " + name + " is given twice");
      String value = h.value();
      int bytes = SiteText.utf8Length(value);
      check(bytes >= 0 && bytes <= MAX_HEADER_VALUE_BYTES, SiteErrors.INVALID_HEADER,
          where + "header " + name + " has at most " + MAX_HEADER_VALUE_BYTES + " bytes, not " + describeLength(bytes));
      check(!hasControlExceptTab(value), SiteErrors.INVALID_HEADER,
          where + "header " + name + " holds CR, LF or another control character");
    }
  }

  private static boolean isLowerToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || TOKEN_PUNCTUATION.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControlExceptTab(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\t' && Character.isISOControl(c)) {
        return true;
      }
    }
    return false;
  }

  private static void quiltPatch(String path, byte[] p) {
    String where = "resource " + shown(path) + ": ";
    check(p.length == QUILT_PATCH_BYTES, SiteErrors.INVALID_QUILT_PATCH,
        where + "a quilt patch ID has " + QUILT_PATCH_BYTES + " bytes, not " + p.length);
    check(p[0] == QUILT_PATCH_VERSION, SiteErrors.INVALID_QUILT_PATCH,
        where + "quilt patch ID version " + (p[0] & 0xFF) + " is not " + QUILT_PATCH_VERSION);
    int start = (p[1] & 0xFF) | (p[2] & 0xFF) << 8;
    int end = (p[3] & 0xFF) | (p[4] & 0xFF) << 8;
    check(start < end, SiteErrors.INVALID_QUILT_PATCH,
        where + "quilt patch columns [" + start + ", " + end + ") are empty");
  }

  private static void range(String path, ResourceRange range) {
    String where = "resource " + shown(path) + ": ";
    check(range.start().isPresent() || range.end().isPresent(), SiteErrors.INVALID_RANGE,
        where + "a range has a start, an end or both");
    check(range.start().orElse(0L) >= 0 && range.end().orElse(0L) >= 0, SiteErrors.INVALID_RANGE,
        where + "range bounds are byte offsets (not negative)");
    if (range.start().isPresent() && range.end().isPresent()) {
      check(range.end().get() > range.start().get(), SiteErrors.INVALID_RANGE,
          where + "range end " + range.end().get() + " is not after its start " + range.start().get());
    }
  }

  static void routes(List<SiteRoute> routes) {
    check(routes.size() <= MAX_ROUTES, SiteErrors.INVALID_ROUTE, routes.size() + " routes, more than " + MAX_ROUTES);
    Set<String> seen = new HashSet<>();
    for (SiteRoute r : routes) {
      pattern(r.pattern(), "route", SiteErrors.INVALID_ROUTE);
      check(seen.add(r.pattern()), SiteErrors.INVALID_ROUTE, "route " + shown(r.pattern()) + " is given twice");
      int bytes = SiteText.utf8Length(r.target());
      check(r.target().startsWith("/") && bytes >= 0 && bytes <= MAX_PATH_BYTES && !SiteText.hasControl(r.target()),
          SiteErrors.INVALID_ROUTE, "route " + shown(r.pattern()) + ": target " + shown(r.target())
              + " is not a path (starts with '/', at most " + MAX_PATH_BYTES + " bytes, no control characters)");
    }
  }

  static void redirects(List<SiteRedirect> redirects) {
    check(redirects.size() <= MAX_REDIRECTS, SiteErrors.INVALID_REDIRECT,
        redirects.size() + " redirects, more than " + MAX_REDIRECTS);
    Set<String> seen = new HashSet<>();
    for (SiteRedirect r : redirects) {
      pattern(r.pattern(), "redirect", SiteErrors.INVALID_REDIRECT);
      check(seen.add(r.pattern()), SiteErrors.INVALID_REDIRECT, "redirect " + shown(r.pattern()) + " is given twice");
      int bytes = SiteText.utf8Length(r.location());
      check(bytes > 0 && bytes <= MAX_LOCATION_BYTES && !SiteText.hasControl(r.location()), SiteErrors.INVALID_REDIRECT,
          "redirect " + shown(r.pattern()) + ": location has 1 to " + MAX_LOCATION_BYTES
              + " bytes and no control characters, not " + describeLength(bytes));
      check(REDIRECT_STATUSES.contains(r.status()), SiteErrors.INVALID_REDIRECT,
          "redirect " + shown(r.pattern()) + ": status " + r.status() + " is not one of 301, 302, 303, 307, 308");
    }
  }

  private static void pattern(String pattern, String what, int code) {
    int bytes = SiteText.utf8Length(pattern);
    check(pattern.startsWith("/") && bytes >= 0 && bytes <= MAX_PATTERN_BYTES && !SiteText.hasControl(pattern), code,
        what + " pattern " + shown(pattern) + " starts with '/' and has at most " + MAX_PATTERN_BYTES
            + " bytes, no control characters");
  }

  private static String describeLength(int bytes) {
    return bytes < 0 ? "text with an unpaired surrogate" : String.valueOf(bytes);
  }

  /** A value for a message: quoted, cut to 80 characters, control characters escaped. */
  static String shown(String s) {
    StringBuilder b = new StringBuilder("'");
    int shownPoints = 0;
    int i = 0;
    for (; i < s.length() && shownPoints < 80; shownPoints++) {
      int c = s.codePointAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return b.append(i < s.length() ? "…'" : "'").toString();
  }

  private static void check(boolean ok, int code, String message) {
    Abort.check(ok, MODULE, code, message);
  }
}
