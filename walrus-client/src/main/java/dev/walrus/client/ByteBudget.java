package dev.walrus.client;

import java.util.concurrent.Semaphore;

/**
 * A bound on the sliver bytes a client holds in memory for uploads in flight, shared by all the
 * stores it runs at once: a sliver is read from the encoding only once its bytes are granted, and
 * they are given back when its upload ends. A sliver larger than the whole budget is granted the
 * whole budget, so it still goes, alone.
 */
final class ByteBudget {
  /** Semaphore permits count units of this many bytes, so budgets beyond 2 GiB fit an int. */
  private static final int UNIT = 1024;

  private final long bytes;
  private final int units;
  private final Semaphore permits;

  ByteBudget(long bytes) {
    if (bytes < UNIT) {
      throw new IllegalArgumentException("an upload buffer of " + bytes + " bytes is too small");
    }
    this.bytes = bytes;
    this.units = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
    this.permits = new Semaphore(units, true);
  }

  long bytes() {
    return bytes;
  }

  /** Blocks until {@code size} bytes are granted; returns the grant to pass to {@link #release}. */
  int acquire(long size) throws InterruptedException {
    int grant = (int) Math.min(units, Math.max(1, (size + UNIT - 1) / UNIT));
    permits.acquire(grant);
    return grant;
  }

  void release(int grant) {
    permits.release(grant);
  }

  /** The default: a quarter of the heap, at most 256 MiB. */
  static long defaultBytes() {
    return Math.max(16L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
  }
}
