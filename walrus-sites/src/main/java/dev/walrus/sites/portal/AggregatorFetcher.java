package dev.walrus.sites.portal;

import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.ResourceRange;
import dev.walrus.ledger.api.SiteResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a resource's bytes from Walrus aggregators (sites.md §4.8) and checks them (§4.9): a
 * quilt patch by {@code /v1/blobs/by-quilt-patch-id/{patchId}}, a whole blob by {@code
 * /v1/blobs/{blobId}}, with {@code Range} when the resource is part of its blob. Aggregators are
 * tried in the order given:
 *
 * <ul>
 *   <li>2xx: the body is hashed as it arrives and kept only if its SHA-256 is the resource's
 *       {@code blobHash}. A mismatch moves on to the next aggregator — a lying aggregator or cache
 *       should not take a site down while an honest one remains — and, if none gives the right
 *       bytes, ends in {@link FetchException.Kind#INTEGRITY} (422).
 *   <li>404: the blob expired; no other aggregator is asked (Walrus's rule: they share one network).
 *   <li>403 (over an aggregator's size limit), 502, a network error or a timeout: the next one.
 *   <li>Another 5xx: the same one again, up to {@code retries} times {@code retryDelay} apart, then
 *       the next.
 *   <li>Another status: unavailable (503), as Walrus's portal answers.
 * </ul>
 *
 * Every exchange, body included, is bounded by {@code timeout}.
 */
final class AggregatorFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AggregatorFetcher.class);

  private final List<URI> aggregators;
  private final Duration timeout;
  private final int retries;
  private final Duration retryDelay;
  private final int memoryLimit;
  private final long maxBody;
  private final Path spoolDir;
  private final HttpClient http;

  AggregatorFetcher(PortalSettings s, Path spoolDir) {
    this.aggregators = s.aggregators().stream().map(AggregatorFetcher::withoutSlash).toList();
    this.timeout = s.aggregatorTimeout();
    this.retries = s.aggregatorRetries();
    this.retryDelay = s.retryDelay();
    this.memoryLimit = s.memoryBodyLimit();
    this.maxBody = s.maxBody();
    this.spoolDir = spoolDir;
    this.http = new HttpClient();
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setName("portal-aggregator-client");
    http.setExecutor(pool);
    http.setConnectTimeout(Math.min(timeout.toMillis(), 5_000));
    http.setFollowRedirects(false);
    http.setMaxConnectionsPerDestination(64);
    http.setMaxRequestsQueuedPerDestination(1024);
    // The hash is of the bytes as stored: no transparent decompression, and none asked for.
    http.getContentDecoderFactories().clear();
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client", e);
    }
  }

  /** The path, after an aggregator's URL, that serves {@code r}'s bytes; also what the pages name. */
  static String blobPath(SiteResource r) {
    if (r.quiltPatch().isPresent()) {
      return "/v1/blobs/by-quilt-patch-id/"
          + new QuiltPatchId(r.blobId(), QuiltPatchId.Internal.fromBytes(r.quiltPatch().get()));
    }
    return "/v1/blobs/" + r.blobId();
  }

  VerifiedBody fetch(SiteResource r) throws FetchException, InterruptedException {
    String path = blobPath(r);
    String blob = path.substring(path.lastIndexOf('/') + 1);
    String range = r.range().map(AggregatorFetcher::rangeHeader).orElse(null);
    List<String> failures = new ArrayList<>();
    boolean mismatch = false;
    for (URI base : aggregators) {
      URI uri = URI.create(base + path);
      for (int attempt = 0; ; attempt++) {
        Attempt a = attempt(uri, range, r.blobHash());
        switch (a.outcome) {
          case OK:
            return a.body;
          case EXPIRED:
            throw new FetchException(FetchException.Kind.EXPIRED, blob, base + " has no blob " + blob);
          case TOO_LARGE:
            throw new FetchException(FetchException.Kind.TOO_LARGE, blob, "the body of " + blob
                + " is larger than this portal serves (" + maxBody + " bytes)");
          case MISMATCH:
            mismatch = true;
            failures.add(base + ": the bytes do not match the resource's SHA-256");
            break;
          case RETRY:
            if (attempt < retries) {
              Thread.sleep(retryDelay.toMillis());
              continue;
            }
            failures.add(base + ": " + a.detail);
            break;
          case NEXT:
            failures.add(base + ": " + a.detail);
            break;
          case FAIL:
            throw new FetchException(FetchException.Kind.UNAVAILABLE, blob, base + ": " + a.detail);
          default:
            throw new IllegalStateException();
        }
        break;
      }
    }
    LOG.warn("no aggregator served {}: {}", blob, failures);
    throw new FetchException(mismatch ? FetchException.Kind.INTEGRITY : FetchException.Kind.UNAVAILABLE, blob,
        String.join("; ", failures));
  }

  private enum Outcome { OK, EXPIRED, TOO_LARGE, MISMATCH, RETRY, NEXT, FAIL }

  private record Attempt(Outcome outcome, VerifiedBody body, String detail) {
    static Attempt of(Outcome o, String detail) {
      return new Attempt(o, null, detail);
    }
  }

  private Attempt attempt(URI uri, String range, byte[] expectedHash) throws InterruptedException {
    InputStreamResponseListener listener = new InputStreamResponseListener();
    var request = http.newRequest(uri).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (range != null) {
      request.headers(h -> h.put(HttpHeader.RANGE, range));
    }
    request.send(listener);
    Response response;
    try {
      response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      request.abort(e);
      return Attempt.of(Outcome.NEXT, "no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Attempt.of(Outcome.NEXT, String.valueOf(e.getCause()));
    }
    try (InputStream in = listener.getInputStream()) {
      int status = response.getStatus();
      if (status / 100 == 2) {
        return receive(in, response, expectedHash);
      }
      String detail = "answered " + status;
      if (status == 404) {
        return Attempt.of(Outcome.EXPIRED, detail);
      }
      if (status == 403 || status == 502) {
        return Attempt.of(Outcome.NEXT, detail);
      }
      return Attempt.of(status >= 500 ? Outcome.RETRY : Outcome.FAIL, detail);
    } catch (IOException e) {
      return Attempt.of(Outcome.NEXT, "reading the body failed: " + e.getMessage());
    }
  }

  private Attempt receive(InputStream in, Response response, byte[] expectedHash) throws IOException {
    long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > maxBody) {
      return Attempt.of(Outcome.TOO_LARGE, "declares " + declared + " bytes");
    }
    try (BodySpool spool = new BodySpool(memoryLimit, maxBody, spoolDir)) {
      try {
        spool.readAll(in);
      } catch (BodySpool.TooLargeException e) {
        return Attempt.of(Outcome.TOO_LARGE, e.getMessage());
      }
      if (!MessageDigest.isEqual(spool.digest(), expectedHash)) {
        return Attempt.of(Outcome.MISMATCH, "hash mismatch");
      }
      return new Attempt(Outcome.OK, spool.keep(), null);
    }
  }

  /** The resource's part of its blob as a {@code Range} header; an open end reads to the blob's end. */
  static String rangeHeader(ResourceRange r) {
    return "bytes=" + r.start().orElse(0L) + "-" + r.end().map(String::valueOf).orElse("");
  }

  private static URI withoutSlash(URI u) {
    String s = u.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      LOG.warn("stopping the aggregator client: {}", e.toString());
    }
  }
}
