package dev.walrus.daemon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;

/**
 * Walrus's load shedding for one service (aggregator or publisher): at most {@code buffer}
 * requests are admitted — those being processed count too — and of those at most {@code
 * concurrency} run at once, the rest wait their turn. A request beyond the buffer is refused at
 * once with 429 and Walrus's plain-text message, so a flood costs the daemon nothing. Gauges
 * {@code walrus.daemon.requests.admitted} and {@code .running} (tag {@code service}) show how full
 * it is, so an operator sees a service near its buffer before clients see 429s.
 */
final class LoadShedder {
  private final String service;
  private final Semaphore admitted;
  private final Semaphore running;

  LoadShedder(String service, int concurrency, int buffer, MeterRegistry metrics) {
    if (concurrency < 1 || buffer < 1) {
      throw new IllegalArgumentException("the " + service + "'s concurrency and buffer must be at least 1");
    }
    this.service = service;
    this.admitted = new Semaphore(buffer);
    this.running = new Semaphore(concurrency, true);
    Gauge.builder("walrus.daemon.requests.admitted", admitted, s -> buffer - s.availablePermits())
        .description("requests admitted, running or waiting to run").tag("service", service).register(metrics);
    Gauge.builder("walrus.daemon.requests.running", running, s -> concurrency - s.availablePermits())
        .description("requests running").tag("service", service).register(metrics);
  }

  /** A place to run, to be closed when the request is done. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  Permit enter() throws InterruptedException {
    if (!admitted.tryAcquire()) {
      throw DaemonError.plain(429, "the " + service + " is receiving too many requests; please try again later");
    }
    try {
      running.acquire();
    } catch (InterruptedException e) {
      admitted.release();
      throw e;
    }
    return () -> {
      running.release();
      admitted.release();
    };
  }
}
