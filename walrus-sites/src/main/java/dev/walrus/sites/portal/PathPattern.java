package dev.walrus.sites.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route or redirect pattern in the glob grammar of Walrus Sites (sites.md §4.5): matched one
 * {@code /}-separated segment at a time, a {@code *} within one segment (at most one per segment),
 * a whole-segment {@code **} for zero or more segments (at most one per pattern), everything else
 * literal and case-sensitive. A pattern that breaks these rules is {@linkplain #parse refused}, and
 * callers skip it as the Walrus portal does.
 *
 * <p>Routes written for the legacy matcher (where {@code *} is the regex {@code .*} and so crosses
 * {@code /}) go through {@link #legacyRoute} first, so a {@code ws-resources.json} written for
 * Walrus behaves the same here: a whole-segment {@code *} at the end becomes {@code **}{@code /*}
 * (one or more segments: {@code /app/*} matches {@code /app/a/b} but not {@code /app}), one in the
 * middle becomes {@code **}. A {@code *} inside a segment ({@code /docs*}) keeps its glob meaning.
 */
record PathPattern(String text, List<String> segments, int literalChars, int stars) {

  /** The pattern, or empty if it is not a valid glob. */
  static Optional<PathPattern> parse(String text) {
    if (text == null || !text.startsWith("/")) {
      return Optional.empty();
    }
    List<String> segments = List.of(text.substring(1).split("/", -1));
    int globstars = 0;
    int literal = 0;
    int stars = 0;
    for (String s : segments) {
      int n = count(s, '*');
      if (s.equals("**")) {
        globstars++;
      } else if (n > 1) {
        return Optional.empty();
      }
      literal += s.length() - n;
      stars += n;
    }
    if (globstars > 1) {
      return Optional.empty();
    }
    return Optional.of(new PathPattern(text, segments, literal, stars));
  }

  /** A route pattern of the legacy grammar, rewritten into the glob grammar and parsed. */
  static Optional<PathPattern> legacyRoute(String text) {
    if (text == null || !text.startsWith("/")) {
      return Optional.empty();
    }
    String[] segments = text.substring(1).split("/", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equals("*")) {
        out.add("**");
        if (i == segments.length - 1) {
          out.add("*");
        }
      } else {
        out.add(segments[i]);
      }
    }
    return parse("/" + String.join("/", out)).map(p -> new PathPattern(text, p.segments, p.literalChars, p.stars));
  }

  boolean matches(String path) {
    if (!path.startsWith("/")) {
      return false;
    }
    String[] parts = path.substring(1).split("/", -1);
    int g = segments.indexOf("**");
    if (g < 0) {
      if (parts.length != segments.size()) {
        return false;
      }
      for (int i = 0; i < parts.length; i++) {
        if (!segmentMatches(segments.get(i), parts[i])) {
          return false;
        }
      }
      return true;
    }
    int after = segments.size() - g - 1;
    if (parts.length < g + after) {
      return false;
    }
    for (int i = 0; i < g; i++) {
      if (!segmentMatches(segments.get(i), parts[i])) {
        return false;
      }
    }
    for (int i = 0; i < after; i++) {
      if (!segmentMatches(segments.get(g + 1 + i), parts[parts.length - after + i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether this pattern beats {@code other} when both match: more literal characters, then fewer
   * wildcards; on a full tie neither does, and the one set first wins.
   */
  boolean moreSpecificThan(PathPattern other) {
    if (literalChars != other.literalChars) {
      return literalChars > other.literalChars;
    }
    return stars < other.stars;
  }

  private static boolean segmentMatches(String pattern, String part) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(part);
    }
    String prefix = pattern.substring(0, star);
    String suffix = pattern.substring(star + 1);
    return part.length() >= prefix.length() + suffix.length() && part.startsWith(prefix) && part.endsWith(suffix);
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
