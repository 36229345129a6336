package dev.walrus.daemon;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers of a successful read (protocol.md §7.1): {@code nosniff}, a day of public caching
 * (blobs never change), the ETag, and a Content-Type mirrored from the request — its {@code
 * Accept} if that names one type, else (for GET) its own {@code Content-Type}; plus, for reads by
 * object, the object's attributes that the operator allows. Failing those, the routes add the
 * type {@link ContentTypes} finds, else {@code application/octet-stream}.
 */
final class ResponseHeaders {
  static final String CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=3600";

  private ResponseHeaders() {}

  static void forRead(Exchange x, String etag) {
    HttpFields.Mutable h = x.headers();
    h.put("X-Content-Type-Options", "nosniff");
    h.put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);
    h.put(HttpHeader.ETAG, etag);
    String accept = x.header(HttpHeader.ACCEPT);
    String requestType = x.header(HttpHeader.CONTENT_TYPE);
    if (accept != null && !accept.contains("*")) {
      h.put(HttpHeader.CONTENT_TYPE, accept);
    } else if (requestType != null && x.method().equals("GET")) {
      h.put(HttpHeader.CONTENT_TYPE, requestType);
    }
  }

  /** {@code application/octet-stream} unless a type was found (request, attribute, tag, extension). */
  static void defaultContentType(Exchange x) {
    if (!x.headers().contains(HttpHeader.CONTENT_TYPE)) {
      x.headers().put(HttpHeader.CONTENT_TYPE, ContentTypes.DEFAULT);
    }
  }

  /**
   * Adds each attribute whose name is in {@code allowed} (lower case; {@code null} allows every
   * name) as a header, unless the response already has that header or the name or value cannot be
   * a header.
   */
  static void fromAttributes(Exchange x, Map<String, String> attributes, Set<String> allowed) {
    HttpFields.Mutable h = x.headers();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (!isToken(name) || !isHeaderValue(value) || allowed != null && !allowed.contains(name.toLowerCase(Locale.ROOT))
          || h.contains(name)) {
        continue;
      }
      h.add(new HttpField(name, value));
    }
  }

  /** An HTTP field name: one or more token characters (RFC 9110 §5.6.2). */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A value that can go into a header as it is: no line breaks, NUL or characters beyond Latin-1. */
  static boolean isHeaderValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
        return false;
      }
    }
    return true;
  }
}
