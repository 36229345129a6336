package dev.walrus.node.server;

import java.util.Set;
import java.util.regex.Pattern;

/** An endpoint: method, path template ({@code {x}} = one segment), accepted query parameters, handler. */
record Route(String method, String template, Pattern pattern, Set<String> params, Set<String> repeatable, Handler handler) {

  interface Handler {
    void handle(Call call) throws Exception;
  }

  static Route of(String method, String template, Set<String> params, Handler handler) {
    return of(method, template, params, Set.of(), handler);
  }

  static Route of(String method, String template, Set<String> params, Set<String> repeatable, Handler handler) {
    String regex = Pattern.quote(template).replaceAll("\\{[a-zA-Z]+\\}", "\\\\E([^/]+)\\\\Q");
    return new Route(method, template, Pattern.compile(regex), params, repeatable, handler);
  }
}
