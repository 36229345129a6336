package dev.walrus.daemon;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The token IDs ({@code jti}) already used, each kept until its token expires (after which the
 * token is refused anyway), so a token authorises one upload only. Bounded: when full of
 * unexpired IDs, new tokens are refused rather than old IDs forgotten, which would let their
 * tokens be replayed.
 */
final class ReplayCache {
  private record Entry(String jti, long expires) {}

  private final int capacity;
  private final Clock clock;
  private final Map<String, Long> seen = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expires, b.expires));

  ReplayCache(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * Records {@code jti} until {@code expiresEpochSecond}; false if it was already recorded.
   *
   * @throws DaemonError 429 if the cache is full of unexpired token IDs
   */
  synchronized boolean add(String jti, long expiresEpochSecond) {
    long now = clock.instant().getEpochSecond();
    while (!byExpiry.isEmpty() && byExpiry.peek().expires < now) {
      Entry e = byExpiry.poll();
      seen.remove(e.jti, e.expires);
    }
    if (seen.containsKey(jti)) {
      return false;
    }
    if (seen.size() >= capacity) {
      throw DaemonError.auth(429, "RESOURCE_EXHAUSTED", "TOKEN_ALREADY_USED",
          "too many unexpired tokens are in use; please try again later");
    }
    seen.put(jti, expiresEpochSecond);
    byExpiry.add(new Entry(jti, expiresEpochSecond));
    return true;
  }

  /** Forgets {@code jti}: its token was refused for another reason and may be used again. */
  synchronized void remove(String jti) {
    seen.remove(jti);
  }
}
