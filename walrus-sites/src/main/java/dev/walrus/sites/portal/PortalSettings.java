package dev.walrus.sites.portal;

import dev.walrus.core.ObjectId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a portal runs (sites.md §8.4).
 *
 * @param address where it listens (port 0: any free port)
 * @param aggregators Walrus aggregators, in the order they are tried
 * @param domain the portal's domain: {@code <base36>.<domain>} is a site, {@code <domain>} the landing page
 * @param landingSite the site served on the bare domain instead of the landing page, if any
 * @param maxBody the largest resource served; larger ones get an error page
 * @param memoryBodyLimit bodies up to this size are held in memory (and cached), larger ones spooled to disk
 * @param cacheBytes the bytes of verified bodies kept in memory across requests
 * @param siteCacheTtl how long a site's and a resource's description are reused before asking the ledger again
 * @param aggregatorTimeout the bound on one exchange with an aggregator, body included
 * @param aggregatorRetries how often an aggregator answering a 5xx other than 502 is asked again
 * @param retryDelay the pause before asking again
 * @param maxConcurrentRequests requests served at once; more get 503 at once rather than queueing without bound
 */
public record PortalSettings(
    InetSocketAddress address,
    List<URI> aggregators,
    String domain,
    Optional<ObjectId> landingSite,
    long maxBody,
    int memoryBodyLimit,
    long cacheBytes,
    Duration siteCacheTtl,
    Duration aggregatorTimeout,
    int aggregatorRetries,
    Duration retryDelay,
    int maxConcurrentRequests) {

  public static final int DEFAULT_PORT = 3000;
  public static final String DEFAULT_DOMAIN = "localhost";

  public PortalSettings {
    Objects.requireNonNull(address, "address");
    aggregators = List.copyOf(aggregators);
    if (aggregators.isEmpty()) {
      throw new IllegalArgumentException("the portal needs at least one aggregator");
    }
    for (URI u : aggregators) {
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("'" + u + "' is not an http(s) URL of an aggregator");
      }
    }
    if (domain == null || domain.isBlank() || domain.contains("/") || domain.contains(":")) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    if (maxBody < 1 || memoryBodyLimit < 1 || cacheBytes < 0 || aggregatorRetries < 0 || maxConcurrentRequests < 1) {
      throw new IllegalArgumentException("portal limits must be positive");
    }
  }

  /**
   * The defaults for {@code aggregators} on {@code address}: the {@code localhost} domain, no
   * landing site, bodies up to 256 MiB (4 MiB in memory), 64 MiB of cached bodies, site
   * descriptions reused for 2 s, Walrus's 10 s aggregator timeout with 2 retries 500 ms apart,
   * and 256 requests at once.
   */
  public static PortalSettings defaults(InetSocketAddress address, List<URI> aggregators) {
    return new PortalSettings(address, aggregators, DEFAULT_DOMAIN, Optional.empty(), 256L << 20, 4 << 20,
        64L << 20, Duration.ofSeconds(2), Duration.ofSeconds(10), 2, Duration.ofMillis(500), 256);
  }

  public PortalSettings withDomain(String d) {
    return new PortalSettings(address, aggregators, d, landingSite, maxBody, memoryBodyLimit, cacheBytes,
        siteCacheTtl, aggregatorTimeout, aggregatorRetries, retryDelay, maxConcurrentRequests);
  }

  public PortalSettings withLandingSite(Optional<ObjectId> site) {
    return new PortalSettings(address, aggregators, domain, site, maxBody, memoryBodyLimit, cacheBytes,
        siteCacheTtl, aggregatorTimeout, aggregatorRetries, retryDelay, maxConcurrentRequests);
  }

  public PortalSettings withMaxBody(long bytes) {
    return new PortalSettings(address, aggregators, domain, landingSite, bytes, memoryBodyLimit, cacheBytes,
        siteCacheTtl, aggregatorTimeout, aggregatorRetries, retryDelay, maxConcurrentRequests);
  }

  public PortalSettings withBodyLimits(int memory, long cache) {
    return new PortalSettings(address, aggregators, domain, landingSite, maxBody, memory, cache,
        siteCacheTtl, aggregatorTimeout, aggregatorRetries, retryDelay, maxConcurrentRequests);
  }

  public PortalSettings withTimeouts(Duration aggregator, int retries, Duration delay) {
    return new PortalSettings(address, aggregators, domain, landingSite, maxBody, memoryBodyLimit, cacheBytes,
        siteCacheTtl, aggregator, retries, delay, maxConcurrentRequests);
  }

  public PortalSettings withSiteCacheTtl(Duration ttl) {
    return new PortalSettings(address, aggregators, domain, landingSite, maxBody, memoryBodyLimit, cacheBytes,
        ttl, aggregatorTimeout, aggregatorRetries, retryDelay, maxConcurrentRequests);
  }
}
