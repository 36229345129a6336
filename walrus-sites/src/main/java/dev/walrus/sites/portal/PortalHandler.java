package dev.walrus.sites.portal;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.http.RequestTimers;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request (sites.md §4.4, §8.4): the host names a site, the path a resource, and the
 * answer is, in order, the resource itself, a redirect (508 if it points at the path asked for), a
 * route's target, the site's {@code /404.html} with status 404, or the portal's 404 page. A
 * resource's bytes are sent only once their SHA-256 matched (422 otherwise), with its headers,
 * an ETag (answering {@code If-None-Match} with 304 before any aggregator is asked), single
 * {@code Range}s (206/416) and HEAD.
 */
final class PortalHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);
  private static final String NOT_FOUND_PAGE = "/404.html";
  /** Paths of the bare domain the portal keeps for itself; on a site's host every path is the site's. */
  static final String HEALTH_PATH = "/__wal__/healthz";
  static final String METRICS_PATH = "/__wal__/metrics";

  private final PortalSettings settings;
  private final SiteDirectory directory;
  private final AggregatorFetcher fetcher;
  private final BodyCache cache;
  private final RequestTimers timers;
  private final Supplier<String> metrics;
  private final Semaphore permits;

  PortalHandler(PortalSettings settings, SiteDirectory directory, AggregatorFetcher fetcher, BodyCache cache,
      RequestTimers timers, Supplier<String> metrics) {
    this.settings = settings;
    this.directory = directory;
    this.fetcher = fetcher;
    this.cache = cache;
    this.timers = timers;
    this.metrics = metrics;
    this.permits = new Semaphore(settings.maxConcurrentRequests());
  }

  /** One request: what it asks and how it was answered (for the metrics). */
  private final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final boolean head;
    String outcome = "error";

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.head = request.getMethod().equals("HEAD");
    }

    HttpFields.Mutable headers() {
      return response.getHeaders();
    }

    void page(String outcome, Page page) {
      this.outcome = outcome;
      response.setStatus(page.status());
      SiteHeaders.forPage(headers());
      byte[] body = page.render();
      headers().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    void empty(String outcome, int status) {
      this.outcome = outcome;
      response.setStatus(status);
      headers().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, ByteBuffer.allocate(0), callback);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    Exchange x = new Exchange(request, response, callback);
    try {
      if (!permits.tryAcquire()) {
        x.page("busy", Pages.busy());
        return true;
      }
      try {
        serve(x);
      } finally {
        permits.release();
      }
    } catch (Throwable t) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (response.isCommitted()) {
        LOG.debug("request failed after its answer started: {}", t.toString());
        callback.failed(t);
      } else {
        LOG.error("request failed unexpectedly", t);
        response.reset();
        x.page("error", Pages.internal());
      }
    } finally {
      timers.record(x.outcome, request.getMethod(), response.getStatus(), System.nanoTime() - start);
    }
    return true;
  }

  private void serve(Exchange x) throws Exception {
    String method = x.request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      x.headers().put(HttpHeader.ALLOW, "GET, HEAD");
      x.page("method", Pages.methodNotAllowed(method));
      return;
    }
    String rawPath = x.request.getHttpURI().getPath();
    int port = Request.getServerPort(x.request);
    String origin = settings.domain() + (port == 80 || port <= 0 ? "" : ":" + port);
    switch (PortalHost.of(Request.getServerName(x.request), settings.domain())) {
      case PortalHost.Landing l -> {
        if (HEALTH_PATH.equals(rawPath)) {
          text(x, "health", "ok\n");
        } else if (METRICS_PATH.equals(rawPath)) {
          text(x, "metrics", metrics.get());
        } else if (settings.landingSite().isPresent()) {
          ObjectId id = settings.landingSite().get();
          serveSite(x, id, dev.walrus.sites.SiteIds.toBase36(id), rawPath);
        } else {
          x.page("landing", Pages.landing(origin));
        }
      }
      case PortalHost.NotASite n -> x.page("not-a-site", Pages.notASite(n.host(), origin));
      case PortalHost.Site s -> serveSite(x, s.id(), s.label(), rawPath);
    }
  }

  private static void text(Exchange x, String outcome, String text) {
    x.outcome = outcome;
    byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    x.response.setStatus(200);
    x.headers().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    x.headers().put(HttpHeader.CACHE_CONTROL, "no-store");
    x.headers().put(HttpHeader.CONTENT_LENGTH, body.length);
    x.response.write(true, x.head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), x.callback);
  }

  private void serveSite(Exchange x, ObjectId id, String label, String rawPath) throws Exception {
    String path;
    try {
      path = SitePath.normalise(rawPath);
    } catch (SitePath.BadPathException e) {
      x.page("bad-path", Pages.badPath(e.getMessage()));
      return;
    }
    try {
      Optional<SiteView> site = directory.site(id);
      if (site.isEmpty()) {
        x.page("site-not-found", Pages.siteNotFound(label));
        return;
      }
      resolve(x, site.get(), path);
    } catch (SiteDirectory.UnavailableException e) {
      LOG.warn("site {}: {}", label, e.getMessage());
      if (!x.response.isCommitted()) {
        x.response.reset();
        x.page("ledger-unavailable", Pages.ledgerUnavailable());
      }
    }
  }

  /** The pipeline of sites.md §4.4. */
  private void resolve(Exchange x, SiteView site, String path) throws Exception {
    Optional<SiteResource> exact = directory.resource(site.id(), path);
    if (exact.isPresent()) {
      serveOrExplain(x, site, exact.get(), 200, "resource", path);
      return;
    }
    Optional<SiteRedirect> redirect = SiteRules.redirect(site.redirects(), path);
    if (redirect.isPresent()) {
      if (redirect.get().location().equals(path)) {
        x.page("redirect-loop", Pages.redirectLoop(path));
      } else if (!SiteHeaders.isHeaderValue(redirect.get().location())) {
        x.page("error", Pages.internal());
      } else {
        x.headers().put(HttpHeader.LOCATION, redirect.get().location());
        x.headers().put(HttpHeader.CACHE_CONTROL, SiteHeaders.DEFAULT_CACHE_CONTROL);
        x.empty("redirect", redirect.get().status());
      }
      return;
    }
    Optional<SiteRoute> route = SiteRules.route(site.routes(), path);
    if (route.isPresent()) {
      Optional<SiteResource> target = directory.resource(site.id(), route.get().target());
      if (target.isPresent()) {
        serveOrExplain(x, site, target.get(), 200, "route", path);
        return;
      }
    }
    Optional<SiteResource> notFound = directory.resource(site.id(), NOT_FOUND_PAGE);
    if (notFound.isPresent()) {
      try {
        serve(x, site, notFound.get(), 404, "site-404");
        return;
      } catch (FetchException e) {
        if (e.kind() != FetchException.Kind.EXPIRED) {
          explain(x, e, NOT_FOUND_PAGE);
          return;
        }
      }
    }
    x.page("portal-404", Pages.pageNotFound(path));
  }

  private void serveOrExplain(Exchange x, SiteView site, SiteResource r, int status, String outcome, String path)
      throws Exception {
    try {
      serve(x, site, r, status, outcome);
    } catch (FetchException e) {
      explain(x, e, path);
    }
  }

  private void explain(Exchange x, FetchException e, String path) {
    switch (e.kind()) {
      case EXPIRED -> x.page("expired", Pages.expired(path, e.blob()));
      case INTEGRITY -> {
        LOG.warn("hash mismatch for {} ({}): {}", path, e.blob(), e.getMessage());
        x.page("integrity", Pages.integrity(path, e.blob()));
      }
      case TOO_LARGE -> x.page("too-large", Pages.tooLarge(path, settings.maxBody()));
      case UNAVAILABLE -> x.page("aggregator-unavailable", Pages.aggregatorUnavailable(path));
    }
  }

  /** Sends a resource with {@code status}; a 200 honours If-None-Match, If-Range and Range. */
  private void serve(Exchange x, SiteView site, SiteResource r, int status, String outcome) throws Exception {
    String etag = "\"" + HexFormat.of().formatHex(r.blobHash()) + "\"";
    // Collected apart and copied onto the response only when it is this resource's answer: a
    // failed fetch answers with a page, and a failed /404.html falls through to the portal's.
    HttpFields.Mutable h = HttpFields.build();
    SiteHeaders.forResource(h, r.headers());
    h.put(HttpHeader.ETAG, etag);
    h.put("x-resource-site-id", site.id().toString());
    h.put("x-resource-site-version", Long.toString(site.version()));
    if (status == 200 && matches(x.request.getHeaders().get(HttpHeader.IF_NONE_MATCH), etag)) {
      h.remove(HttpHeader.CONTENT_TYPE);
      x.headers().add(h);
      x.empty("not-modified", 304);
      return;
    }
    VerifiedBody body = cache.get(r).orElse(null);
    boolean cached = body != null;
    if (body == null) {
      body = fetcher.fetch(r);
      cache.put(r, body);
    }
    try (VerifiedBody b = body) {
      long size = b.size();
      ByteRange.Decision decision = new ByteRange.Whole();
      if (status == 200) {
        h.put(HttpHeader.ACCEPT_RANGES, "bytes");
        String ifRange = x.request.getHeaders().get(HttpHeader.IF_RANGE);
        if (ifRange == null || ifRange.trim().equals(etag)) {
          decision = ByteRange.decide(x.request.getHeaders().get(HttpHeader.RANGE), size);
        }
      }
      x.outcome = outcome + (cached ? "-cached" : "");
      HttpFields.Mutable out = x.headers();
      out.add(h);
      switch (decision) {
        case ByteRange.Whole w -> send(x, b, status, 0, size);
        case ByteRange.Part p -> {
          out.put(HttpHeader.CONTENT_RANGE, "bytes " + p.range().start() + "-" + p.range().end() + "/" + size);
          send(x, b, 206, p.range().start(), p.range().length());
        }
        case ByteRange.Unsatisfiable u -> {
          out.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
          out.remove(HttpHeader.CONTENT_TYPE);
          x.empty(outcome + "-unsatisfiable", 416);
        }
      }
    }
  }

  private static void send(Exchange x, VerifiedBody body, int status, long start, long length) throws Exception {
    x.response.setStatus(status);
    x.headers().put(HttpHeader.CONTENT_LENGTH, length);
    if (x.head || length == 0) {
      x.response.write(true, ByteBuffer.allocate(0), x.callback);
      return;
    }
    if (body instanceof VerifiedBody.InMemory m) {
      x.response.write(true, ByteBuffer.wrap(m.bytes(), Math.toIntExact(start), Math.toIntExact(length)), x.callback);
      return;
    }
    try (OutputStream out = Content.Sink.asOutputStream(x.response)) {
      body.writeTo(out, start, length);
    }
    x.callback.succeeded();
  }

  /** Whether an If-None-Match header names {@code etag} (weak comparison, RFC 9110 §13.1.2). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
