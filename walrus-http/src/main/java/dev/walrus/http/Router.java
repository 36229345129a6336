package dev.walrus.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.URIUtil;

/**
 * Routes a request to one of a fixed set of endpoints by method and path template
 * ({@code /v1/blobs/{blob_id}}: a {@code {name}} matches one non-empty path segment). A path no
 * endpoint has is a {@link RouteMiss.Kind#NOT_FOUND}; a path some endpoint has, but not with this
 * method, is {@link RouteMiss.Kind#METHOD_NOT_ALLOWED}: every server answers both alike.
 *
 * <p>Matching tries the endpoints in order; the servers have tens of them, so a linear scan of
 * precompiled patterns costs less than the request's other work. Path segments are
 * percent-decoded as paths are ({@code +} stays {@code +}).
 *
 * @param <R> the server's own endpoint type
 */
public final class Router<R> {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

  private final List<Entry<R>> entries;

  private record Entry<R>(String method, String template, Pattern pattern, List<String> names, R route) {}

  /** The endpoint a request matched, with its path parameters in order and by name. */
  public record Match<R>(R route, String template, List<String> values, Map<String, String> params) {}

  private Router(List<Entry<R>> entries) {
    this.entries = List.copyOf(entries);
  }

  /** A router over {@code routes}, each one's method and template read with the given functions. */
  public static <R> Router<R> of(List<R> routes, Function<R, String> method, Function<R, String> template) {
    List<Entry<R>> entries = new ArrayList<>(routes.size());
    for (R r : routes) {
      entries.add(compile(Objects.requireNonNull(method.apply(r)), Objects.requireNonNull(template.apply(r)), r));
    }
    return new Router<>(entries);
  }

  private static <R> Entry<R> compile(String method, String template, R route) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a path template starts with '/': " + template);
    }
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      at = m.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    return new Entry<>(method, template, Pattern.compile(regex.toString()), List.copyOf(names), route);
  }

  /**
   * The endpoint for {@code method} and {@code path} (the path without its query).
   *
   * @throws RouteMiss if none matches, or a path segment is not valid percent-encoding
   */
  public Match<R> match(String method, String path) {
    boolean pathKnown = false;
    for (Entry<R> e : entries) {
      Matcher m = e.pattern.matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (!e.method.equals(method)) {
        continue;
      }
      List<String> values = new ArrayList<>(e.names.size());
      Map<String, String> params = HashMap.newHashMap(e.names.size());
      for (int i = 0; i < e.names.size(); i++) {
        String value = decodeSegment(m.group(i + 1));
        values.add(value);
        params.put(e.names.get(i), value);
      }
      return new Match<>(e.route, e.template, List.copyOf(values), Map.copyOf(params));
    }
    throw pathKnown
        ? new RouteMiss(RouteMiss.Kind.METHOD_NOT_ALLOWED, method + " is not allowed on " + path)
        : new RouteMiss(RouteMiss.Kind.NOT_FOUND, "no such endpoint: " + path + " (see /v1/api)");
  }

  private static String decodeSegment(String segment) {
    try {
      return URIUtil.decodePath(segment);
    } catch (IllegalArgumentException e) {
      throw new RouteMiss(RouteMiss.Kind.BAD_PATH,
          "the path segment '" + segment + "' is not valid percent-encoding");
    }
  }
}
