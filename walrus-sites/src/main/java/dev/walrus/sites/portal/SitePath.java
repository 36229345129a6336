package dev.walrus.sites.portal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The resource path a request names (sites.md §4.3): percent-decoded, {@code /} read as {@code
 * /index.html}, one trailing {@code /} stripped. Paths that could name something other than what
 * they spell are refused rather than normalised — a {@code .} or {@code ..} segment, an encoded
 * {@code /} or a backslash (either could smuggle a segment past a route or header rule), a NUL or
 * other control character, a broken escape or bytes that are not UTF-8.
 */
final class SitePath {
  /** The longest resource path a site can hold (sites.md §5: 2 050 bytes of BCS); longer cannot exist. */
  static final int MAX_BYTES = 4096;

  private SitePath() {}

  /** Thrown for a path that names no resource; the portal answers 400 with its message. */
  static final class BadPathException extends RuntimeException {
    BadPathException(String message) {
      super(message);
    }
  }

  /** The resource path of the raw (still percent-encoded, query-less) request path. */
  static String normalise(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/index.html";
    }
    if (rawPath.charAt(0) != '/') {
      throw new BadPathException("the path must start with /");
    }
    if (rawPath.length() > MAX_BYTES * 3) {
      throw new BadPathException("the path is longer than any resource path");
    }
    String path = decode(rawPath);
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new BadPathException("the path is longer than any resource path");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new BadPathException("the path has a '" + segment + "' segment");
      }
    }
    if (path.equals("/")) {
      return "/index.html";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String decode(String raw) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new BadPathException("the path has a broken %-escape");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new BadPathException("the path has a broken %-escape");
        }
        int b = hi << 4 | lo;
        if (b == '/' || b == '\\') {
          throw new BadPathException("the path has an encoded " + (b == '/' ? "slash (%2F)" : "backslash (%5C)"));
        }
        checkNotControl(b);
        bytes.write(b);
        i += 3;
      } else {
        int end = raw.indexOf('%', i);
        String run = raw.substring(i, end < 0 ? raw.length() : end);
        for (int k = 0; k < run.length(); k++) {
          if (run.charAt(k) == '\\') {
            throw new BadPathException("the path has a backslash");
          }
          checkNotControl(run.charAt(k));
        }
        bytes.writeBytes(run.getBytes(StandardCharsets.UTF_8));
        i += run.length();
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new BadPathException("the path is not UTF-8 once decoded");
    }
  }

  private static void checkNotControl(int c) {
    if (c < 0x20 || c == 0x7f) {
      throw new BadPathException("the path has a control character");
    }
  }
}
