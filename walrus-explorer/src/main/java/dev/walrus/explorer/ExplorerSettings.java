package dev.walrus.explorer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the explorer runs.
 *
 * @param address where it listens (port 0: any free port)
 * @param aggregator the aggregator blob pages link to for reading (and ask for quilt patches), if any
 * @param nodeTimeout the bound on one question to a storage node (health, sliver status)
 * @param nodeConcurrency storage nodes asked at once, over all pages being served
 * @param recentEvents events kept in memory for the events page and its live feed
 * @param maxTrackedBlobs blob objects the blob count follows (beyond: a lower bound, said so on the page)
 * @param maxConcurrentRequests pages served at once; more get 503 at once rather than queueing
 * @param maxEventStreams live event feeds open at once
 */
public record ExplorerSettings(
    InetSocketAddress address,
    Optional<URI> aggregator,
    Duration nodeTimeout,
    int nodeConcurrency,
    int recentEvents,
    int maxTrackedBlobs,
    int maxConcurrentRequests,
    int maxEventStreams) {

  public static final int DEFAULT_PORT = 31416;

  public ExplorerSettings {
    Objects.requireNonNull(address, "address");
    aggregator = aggregator == null ? Optional.empty() : aggregator;
    aggregator.ifPresent(u -> {
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("'" + u + "' is not an http(s) URL of an aggregator");
      }
    });
    if (nodeTimeout == null || nodeTimeout.isNegative() || nodeTimeout.isZero()) {
      throw new IllegalArgumentException("the node timeout must be positive");
    }
    if (nodeConcurrency < 1 || recentEvents < 1 || maxTrackedBlobs < 0 || maxConcurrentRequests < 1
        || maxEventStreams < 0) {
      throw new IllegalArgumentException("explorer limits must be positive");
    }
  }

  /**
   * The defaults on {@code address}: nodes asked 16 at a time with a 3 s timeout, the latest 1 000
   * events kept, up to 1 000 000 blob objects counted, 128 pages and 32 live feeds at once.
   */
  public static ExplorerSettings defaults(InetSocketAddress address, Optional<URI> aggregator) {
    return new ExplorerSettings(address, aggregator, Duration.ofSeconds(3), 16, 1000, 1_000_000, 128, 32);
  }

  public ExplorerSettings withNodeTimeout(Duration timeout) {
    return new ExplorerSettings(address, aggregator, timeout, nodeConcurrency, recentEvents, maxTrackedBlobs,
        maxConcurrentRequests, maxEventStreams);
  }
}
