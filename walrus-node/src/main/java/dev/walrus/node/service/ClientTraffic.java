package dev.walrus.node.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The API requests this node is serving. Background work (recovery, shard hand-over) watches it
 * and gives way: while clients and peers are being answered it pauses between slices of its own
 * work, so they pre-empt it rather than queue behind it.
 */
public final class ClientTraffic {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long lastEnded = System.nanoTime() - TimeUnit.HOURS.toNanos(1);

  public void started() {
    inFlight.incrementAndGet();
  }

  public void finished() {
    inFlight.decrementAndGet();
    lastEnded = System.nanoTime();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Whether a request is in flight or one ended less than {@code quietNanos} ago. */
  public boolean busy(long quietNanos) {
    return inFlight.get() > 0 || System.nanoTime() - lastEnded < quietNanos;
  }

  /**
   * Waits until the API has been idle for {@code quietNanos}, but at most {@code maxWaitNanos};
   * returns how long it waited.
   */
  public long awaitQuiet(long quietNanos, long maxWaitNanos) {
    long start = System.nanoTime();
    while (busy(quietNanos) && System.nanoTime() - start < maxWaitNanos && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(POLL_NANOS);
    }
    return System.nanoTime() - start;
  }
}
