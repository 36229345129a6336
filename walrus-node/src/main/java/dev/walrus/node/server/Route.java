package dev.walrus.node.server;

import java.util.Set;

/** An endpoint: method, path template ({@code {x}} = one segment), accepted query parameters, handler. */
record Route(String method, String template, Set<String> params, Set<String> repeatable, Handler handler) {

  interface Handler {
    void handle(Call call) throws Exception;
  }

  static Route of(String method, String template, Set<String> params, Handler handler) {
    return of(method, template, params, Set.of(), handler);
  }

  static Route of(String method, String template, Set<String> params, Set<String> repeatable, Handler handler) {
    return new Route(method, template, params, repeatable, handler);
  }
}
