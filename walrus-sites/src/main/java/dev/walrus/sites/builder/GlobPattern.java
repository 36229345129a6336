package dev.walrus.sites.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob as Walrus's site-builder matches header keys and ignore patterns (sites.md §2.1): the
 * semantics of Rust's {@code glob} crate with its default options — case-sensitive, {@code *} and
 * {@code ?} also match {@code /}, no escape character. {@code *} is any sequence, {@code ?} any
 * one character, {@code [abc]}/{@code [a-z]} a class and {@code [!…]} its negation, {@code **} a
 * whole path component matching any number of directories. Matching the crate exactly matters
 * because a site's {@code ws-resources.json} is shared with Walrus's own tool.
 */
public final class GlobPattern {
  private sealed interface Token {}

  private record Literal(char c) implements Token {}

  private record AnyChar() implements Token {}

  /** {@code *}: any sequence, separators included. */
  private record AnySequence() implements Token {}

  /** {@code **}: resumes only after a separator (or at once), so it spans whole directories. */
  private record AnyDirectories() implements Token {}

  private record CharClass(List<char[]> ranges, boolean negated) implements Token {
    boolean matches(char c) {
      boolean in = false;
      for (char[] r : ranges) {
        if (r[0] <= c && c <= r[1]) {
          in = true;
          break;
        }
      }
      return in != negated;
    }
  }

  private final String text;
  private final List<Token> tokens;

  private GlobPattern(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /** Thrown for a pattern the Rust crate refuses; the message names the position and the rule. */
  public static final class InvalidGlobException extends IllegalArgumentException {
    InvalidGlobException(String pattern, int pos, String why) {
      super("invalid glob '" + pattern + "' at character " + pos + ": " + why);
    }
  }

  /**
   * @throws InvalidGlobException for three or more {@code *} in a row, a {@code **} that is not a
   *     whole path component, or an unclosed {@code [}
   */
  public static GlobPattern compile(String pattern) {
    char[] p = pattern.toCharArray();
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < p.length) {
      char c = p[i];
      if (c == '?') {
        tokens.add(new AnyChar());
        i++;
      } else if (c == '*') {
        int start = i;
        while (i < p.length && p[i] == '*') {
          i++;
        }
        int stars = i - start;
        if (stars > 2) {
          throw new InvalidGlobException(pattern, start + 2, "wildcards are either regular `*` or recursive `**`");
        }
        if (stars == 1) {
          tokens.add(new AnySequence());
          continue;
        }
        boolean startsComponent = start == 0 || p[start - 1] == '/';
        if (!startsComponent) {
          throw new InvalidGlobException(pattern, start - 1, "recursive wildcards must form a single path component");
        }
        if (i < p.length && p[i] == '/') {
          i++; // the separator belongs to the recursive wildcard
        } else if (i < p.length) {
          throw new InvalidGlobException(pattern, i, "recursive wildcards must form a single path component");
        }
        if (tokens.isEmpty() || !(tokens.getLast() instanceof AnyDirectories)) {
          tokens.add(new AnyDirectories());
        }
      } else if (c == '[') {
        int consumed = charClass(p, i, tokens);
        if (consumed < 0) {
          throw new InvalidGlobException(pattern, i, "invalid range pattern");
        }
        i += consumed;
      } else {
        tokens.add(new Literal(c));
        i++;
      }
    }
    return new GlobPattern(pattern, List.copyOf(tokens));
  }

  /**
   * Parses the class starting at {@code p[i] == '['}; returns the characters it takes, or -1 if it
   * is unclosed. A {@code ]} right after {@code [} or {@code [!} is a member, not the end.
   */
  private static int charClass(char[] p, int i, List<Token> tokens) {
    boolean negated = i + 1 < p.length && p[i + 1] == '!';
    int first = negated ? i + 2 : i + 1; // first member (may be ']')
    if (first >= p.length) {
      return -1;
    }
    int close = -1;
    for (int j = first + 1; j < p.length; j++) {
      if (p[j] == ']') {
        close = j;
        break;
      }
    }
    if (close < 0) {
      return -1;
    }
    List<char[]> ranges = new ArrayList<>();
    int k = first;
    while (k < close) {
      if (k + 2 < close && p[k + 1] == '-') {
        ranges.add(new char[] {p[k], p[k + 2]});
        k += 3;
      } else {
        ranges.add(new char[] {p[k], p[k]});
        k++;
      }
    }
    tokens.add(new CharClass(ranges, negated));
    return close - i + 1;
  }

  /** Whether the whole of {@code path} matches. */
  public boolean matches(String path) {
    return match(0, path, 0, true) == Result.MATCH;
  }

  /**
   * MATCH, NO_MATCH_HERE (a wildcard before may try further along), or NO_MATCH_AT_ALL (the input
   * ran out: no later start can help), the distinction that keeps backtracking linear per wildcard.
   */
  private enum Result {
    MATCH,
    NO_MATCH_HERE,
    NO_MATCH_AT_ALL
  }

  private Result match(int ti, String s, int si, boolean afterSeparator) {
    for (int t = ti; t < tokens.size(); t++) {
      Token token = tokens.get(t);
      if (token instanceof AnySequence || token instanceof AnyDirectories) {
        Result empty = match(t + 1, s, si, afterSeparator);
        if (empty != Result.NO_MATCH_HERE) {
          return empty;
        }
        while (si < s.length()) {
          char c = s.charAt(si++);
          afterSeparator = c == '/';
          if (token instanceof AnyDirectories && !afterSeparator) {
            continue;
          }
          Result r = match(t + 1, s, si, afterSeparator);
          if (r != Result.NO_MATCH_HERE) {
            return r;
          }
        }
        continue; // input used up: the remaining tokens must match the empty rest
      }
      if (si >= s.length()) {
        return Result.NO_MATCH_AT_ALL;
      }
      char c = s.charAt(si++);
      boolean ok = switch (token) {
        case Literal l -> l.c() == c;
        case AnyChar a -> true;
        case CharClass k -> k.matches(c);
        default -> throw new IllegalStateException("unreachable");
      };
      if (!ok) {
        return Result.NO_MATCH_HERE;
      }
      afterSeparator = c == '/';
    }
    return si >= s.length() ? Result.MATCH : Result.NO_MATCH_HERE;
  }

  @Override
  public String toString() {
    return text;
  }
}
