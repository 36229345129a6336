package dev.walrus.ledger.server;

import java.util.Set;

/**
 * One endpoint: method, path template ({@code {name}} segments match one path segment), the query
 * parameters it accepts (any other is a 400), and its handler.
 */
record Route(String method, String template, Set<String> params, Handler handler) {

  interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  static Route of(String method, String template, Set<String> params, Handler handler) {
    return new Route(method, template, params, handler);
  }
}
