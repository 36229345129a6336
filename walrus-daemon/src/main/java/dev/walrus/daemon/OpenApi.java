package dev.walrus.daemon;

import dev.walrus.daemon.Route.Param;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The daemon's API description, built from the routes it actually serves (so an aggregator
 * documents only reads, and routes added later document themselves): OpenAPI 3.0 JSON, and a
 * small self-contained HTML page listing the same.
 */
final class OpenApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OpenApi() {}

  static String json(String title, List<Route> routes) {
    ObjectNode root = F.objectNode();
    root.put("openapi", "3.0.3");
    ObjectNode info = root.putObject("info");
    info.put("title", title);
    info.put("version", "v1");
    info.put("description", "The Walrus HTTP API of walrus-java (protocol.md §7). Errors are AIP-193 JSON "
        + "(domain daemon.walrus.space), except 429 overload answers, which are plain text.");
    ObjectNode paths = root.putObject("paths");
    for (Route r : routes) {
      ObjectNode path = paths.has(r.template()) ? (ObjectNode) paths.get(r.template()) : paths.putObject(r.template());
      ObjectNode op = path.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
      op.putArray("tags").add(r.doc().tag());
      op.put("summary", r.doc().summary());
      ArrayNode params = op.putArray("parameters");
      for (Param p : r.doc().params()) {
        ObjectNode param = params.addObject();
        param.put("name", p.name());
        param.put("in", p.in());
        param.put("required", p.required());
        param.put("description", p.description());
        param.putObject("schema").put("type", p.type());
      }
      if (r.doc().requestBody() != null) {
        ObjectNode body = op.putObject("requestBody");
        body.put("description", r.doc().requestBody());
        body.putObject("content").putObject(r.method().equals("POST") ? "application/json" : "application/octet-stream")
            .putObject("schema").put("type", r.method().equals("POST") ? "object" : "string");
      }
      ObjectNode responses = op.putObject("responses");
      for (Map.Entry<Integer, String> e : r.doc().responses().entrySet()) {
        responses.putObject(Integer.toString(e.getKey())).put("description", e.getValue());
      }
    }
    return root.toPrettyString();
  }

  static String html(String title, List<Route> routes) {
    StringBuilder rows = new StringBuilder();
    for (Route r : routes) {
      rows.append("<tr><td><code>").append(r.method()).append("</code></td><td><code>").append(escape(r.template()))
          .append("</code></td><td>").append(escape(r.doc().summary())).append("</td></tr>\n");
    }
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
        + "<style>body{font-family:sans-serif;margin:2em}td{padding:.2em 1em;border-bottom:1px solid #ddd}</style>"
        + "</head><body><h1>" + escape(title) + "</h1>"
        + "<p>The OpenAPI document: <a href=\"/v1/api/openapi.json\">/v1/api/openapi.json</a></p>"
        + "<table><tr><th>Method</th><th>Path</th><th>What it does</th></tr>\n" + rows + "</table></body></html>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
