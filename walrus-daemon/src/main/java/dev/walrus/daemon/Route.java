package dev.walrus.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint: method, path template ({@code /v1/blobs/{blob_id}}), the query parameters it
 * takes — any other is refused with 400, as Walrus's {@code deny_unknown_fields} query structs do;
 * {@code null} for endpoints that read no query and so ignore it — the load shedder guarding it,
 * the handler, and its OpenAPI description. Adding an endpoint (quilts, say) is adding a route.
 */
record Route(
    String method,
    String template,
    Set<String> query,
    LoadShedder limiter,
    Handler handler,
    Doc doc,
    Pattern pattern,
    List<String> pathNames) {

  /** Handles a request; throws {@link DaemonError} (or anything else, a 500) to answer with an error. */
  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  /** A parameter for the OpenAPI document; {@code in} is {@code path}, {@code query} or {@code header}. */
  record Param(String name, String in, String type, boolean required, String description) {}

  /** What the OpenAPI document says of a route. */
  record Doc(String tag, String summary, List<Param> params, Map<Integer, String> responses, String requestBody) {
    Doc {
      params = List.copyOf(params);
      responses = new TreeMap<>(responses);
    }
  }

  /** {@code a} with the entries of {@code b} added or replacing, for a route's documented responses. */
  static Map<Integer, String> merge(Map<Integer, String> a, Map<Integer, String> b) {
    Map<Integer, String> m = new java.util.HashMap<>(a);
    m.putAll(b);
    return m;
  }

  static Route of(String method, String template, Set<String> query, LoadShedder limiter, Doc doc, Handler handler) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      at = m.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    return new Route(method, template, query == null ? null : Set.copyOf(query), limiter, handler, doc,
        Pattern.compile(regex.toString()), List.copyOf(names));
  }
}
