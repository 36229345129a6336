package dev.walrus.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A request timer per endpoint template, method and status, tagged {@code route}, {@code method},
 * {@code status}. Each combination is registered once and cached: building a meter ID per request
 * cost more than routing it. The key space is bounded by the endpoints × methods × statuses the
 * server answers (the template of a path no endpoint has is {@code unmatched}).
 */
public final class RequestTimers {
  private static final int MAX_TIMERS = 4096;

  private final MeterRegistry registry;
  private final String name;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  private record Key(String template, String method, int status) {}

  public RequestTimers(MeterRegistry registry, String name) {
    this.registry = registry;
    this.name = name;
  }

  public void record(String template, String method, int status, long nanos) {
    Key key = new Key(template, method, status);
    Timer timer = timers.get(key);
    if (timer == null) {
      // A client can make up methods; past the bound they share one timer instead of growing the map.
      if (timers.size() >= MAX_TIMERS) {
        key = new Key(template, "OTHER", status);
      }
      timer = timers.computeIfAbsent(key, k -> Timer.builder(name).tag("route", k.template())
          .tag("method", k.method()).tag("status", Integer.toString(k.status())).register(registry));
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
