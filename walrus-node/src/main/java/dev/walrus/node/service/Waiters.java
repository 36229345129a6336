package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets a request wait until the event follower has processed something about a blob (a
 * confirmation request with {@code wait_for_registration=true} waits for the registration).
 */
public final class Waiters {
  private final ConcurrentHashMap<BlobId, Object> monitors = new ConcurrentHashMap<>();

  /** Wakes every request waiting on {@code blobId}. */
  public void wake(BlobId blobId) {
    Object monitor = monitors.get(blobId);
    if (monitor != null) {
      synchronized (monitor) {
        monitor.notifyAll();
      }
    }
  }

  /** Waits until {@code condition} holds or {@code millis} pass; returns the last evaluation. */
  boolean await(BlobId blobId, long millis, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    Object monitor = monitors.computeIfAbsent(blobId, k -> new Object());
    try {
      synchronized (monitor) {
        while (!condition.getAsBoolean()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)));
        }
        return true;
      }
    } finally {
      monitors.remove(blobId, monitor);
    }
  }
}
