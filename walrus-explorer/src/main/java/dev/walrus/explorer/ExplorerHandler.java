package dev.walrus.explorer;

import dev.walrus.http.RequestTimers;
import dev.walrus.http.RouteMiss;
import dev.walrus.http.Router;
import dev.walrus.ledger.api.LedgerJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request to its page and answers it as HTML, or as JSON for {@code /api/…} and {@code
 * ?format=json}. Every failure becomes a page with its status (the JSON twin: an error object):
 * bad IDs 400, unknown objects 404, the ledger down 503, the explorer's own faults 500 — never a
 * stack trace. At most {@code maxConcurrentRequests} pages are built at once; the live event
 * feed, static files and metrics are answered beside them.
 */
final class ExplorerHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ExplorerHandler.class);
  static final String API_PREFIX = "/api";

  /** A page: its path template and how it is built from the request. */
  record Route(String template, PageBuilder build) {}

  @FunctionalInterface
  interface PageBuilder {
    View build(Router.Match<Route> match, Fields query);
  }

  private final Router<Route> router;
  private final StaticFiles files;
  private final EventStream stream;
  private final RequestTimers timers;
  private final Supplier<String> metrics;
  private final Semaphore permits;
  /** Where {@code /search?q=} leads: a path of this explorer, or an {@link ExplorerException}. */
  private final UnaryOperator<String> searcher;

  ExplorerHandler(List<Route> routes, UnaryOperator<String> searcher, StaticFiles files, EventStream stream,
      RequestTimers timers, Supplier<String> metrics, int maxConcurrentRequests) {
    this.router = Router.of(routes, r -> "GET", Route::template);
    this.searcher = searcher;
    this.files = files;
    this.stream = stream;
    this.timers = timers;
    this.metrics = metrics;
    this.permits = new Semaphore(maxConcurrentRequests);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = request.getHttpURI().getPath();
    String template = "unmatched";
    boolean json = path.startsWith(API_PREFIX + "/") || path.equals(API_PREFIX);
    try {
      Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      json |= "json".equals(query.getValue("format"));
      String pagePath = json && path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path;
      if (pagePath.isEmpty()) {
        pagePath = "/";
      }
      String method = request.getMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        throw new ExplorerException(405, "Method not allowed", "The explorer serves GET and HEAD, not " + method + ".");
      }
      if (pagePath.startsWith(StaticFiles.PREFIX)) {
        template = StaticFiles.PREFIX;
        files.serve(pagePath, response, callback);
        return true;
      }
      if (pagePath.equals("/metrics")) {
        template = "/metrics";
        write(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
        return true;
      }
      if (pagePath.equals(EventStream.PATH)) {
        template = EventStream.PATH;
        stream.serve(request, response, callback, query);
        return true;
      }
      if (pagePath.equals("/search")) {
        template = "/search";
        search(response, callback, query, json);
        return true;
      }
      Router.Match<Route> match;
      try {
        match = router.match("GET", pagePath);
      } catch (RouteMiss miss) {
        throw new ExplorerException(miss.kind() == RouteMiss.Kind.BAD_PATH ? 400 : 404,
            miss.kind() == RouteMiss.Kind.BAD_PATH ? "Bad request" : "Page not found",
            "The explorer has no page at " + pagePath + ".");
      }
      template = match.template();
      if (!permits.tryAcquire()) {
        throw new ExplorerException(503, "Too busy", "The explorer is building as many pages as it can. Try again in a moment.");
      }
      View view;
      try {
        view = match.route().build().build(match, query);
      } finally {
        permits.release();
      }
      answer(response, callback, view, json);
    } catch (ExplorerException e) {
      error(response, callback, e.status(), e.title(), e.getMessage(), json);
    } catch (Throwable t) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (response.isCommitted()) {
        callback.failed(t);
      } else {
        LOG.error("the explorer failed to serve {}", path, t);
        error(response, callback, 500, "Internal error", "The explorer failed to build this page; its log says why.", json);
      }
    } finally {
      timers.record(template, request.getMethod(), response.getStatus(), System.nanoTime() - start);
    }
    return true;
  }

  private void search(Response response, Callback callback, Fields query, boolean json) {
    String target;
    if (!permits.tryAcquire()) {
      throw new ExplorerException(503, "Too busy", "The explorer is building as many pages as it can. Try again in a moment.");
    }
    try {
      target = searcher.apply(query.getValue("q"));
    } finally {
      permits.release();
    }
    if (json) {
      write(response, callback, 200, "application/json", LedgerJson.mapper().writeValueAsString(
          Map.of("location", API_PREFIX + target)));
      return;
    }
    response.setStatus(303);
    response.getHeaders().put(HttpHeader.LOCATION, target);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  private static void answer(Response response, Callback callback, View view, boolean json) {
    if (json) {
      write(response, callback, view.status(), "application/json", LedgerJson.mapper().writeValueAsString(view.json()));
    } else {
      write(response, callback, view.status(), "text/html; charset=utf-8",
          Html.document(view.title(), view.html(), view.status()));
    }
  }

  private static void error(Response response, Callback callback, int status, String title, String message,
      boolean json) {
    if (response.isCommitted()) {
      callback.failed(new IllegalStateException(message));
      return;
    }
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", status);
      error.put("status", title);
      error.put("message", message);
      write(response, callback, status, "application/json", LedgerJson.mapper().writeValueAsString(Map.of("error", error)));
    } else {
      write(response, callback, status, "text/html; charset=utf-8",
          Html.document(title, Html.heading(title) + Html.paragraph(Html.text(message)), status));
    }
  }

  static void write(Response response, Callback callback, int status, String type, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
