package dev.walrus.daemon;

import dev.walrus.daemon.Route.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;

/** {@code GET /status} and the API description at {@code /v1/api}; never load-shed. */
final class ServiceRoutes {
  private ServiceRoutes() {}

  /** @param all every route the daemon serves, these included (read when the description is asked for) */
  static List<Route> routes(String title, Supplier<List<Route>> all) {
    List<Route> routes = new ArrayList<>();
    routes.add(Route.of("GET", "/status", null, null,
        new Doc("service", "Whether the service runs", List.of(), Map.of(200, "OK"), null),
        x -> x.text(200, "OK")));
    routes.add(Route.of("GET", "/v1/api", null, null,
        new Doc("service", "This API description (HTML; JSON with Accept: application/json)", List.of(),
            Map.of(200, "The description"), null),
        x -> {
          String accept = x.header(HttpHeader.ACCEPT);
          if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
            x.json(200, OpenApi.json(title, all.get()));
          } else {
            x.send(200, "text/html; charset=utf-8",
                OpenApi.html(title, all.get()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }));
    routes.add(Route.of("GET", "/v1/api/openapi.json", null, null,
        new Doc("service", "The OpenAPI 3 document", List.of(), Map.of(200, "The document"), null),
        x -> x.json(200, OpenApi.json(title, all.get()))));
    return routes;
  }
}
