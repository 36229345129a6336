package dev.walrus.node.service;

import dev.walrus.node.api.ApiError;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the sliver bytes that uploads hold in memory between reading the body and committing it:
 * a request takes its declared length from the budget before it reads its body and gives it back
 * when it is answered. Requests beyond the budget wait, up to a deadline, then get 503 so the
 * client retries (elsewhere or later) instead of the node running out of heap. One request larger
 * than the whole budget waits until it has the budget to itself.
 */
public final class IngestBudget {
  private static final int UNIT = 1024;

  private final int units;
  private final Semaphore permits;
  private final long waitMillis;

  public IngestBudget(long bytes, long waitMillis) {
    if (bytes < UNIT) {
      throw new IllegalArgumentException("ingest budget of " + bytes + " bytes is too small");
    }
    this.units = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
    this.permits = new Semaphore(units, true);
    this.waitMillis = waitMillis;
  }

  /** Held while one upload's body is in memory; closing it returns the bytes. */
  public final class Permit implements AutoCloseable {
    private int held;

    private Permit(int held) {
      this.held = held;
    }

    @Override
    public void close() {
      if (held > 0) {
        permits.release(held);
        held = 0;
      }
    }
  }

  /**
   * Takes {@code bytes} from the budget, waiting if needed.
   *
   * @throws NodeApiException 503 NODE_BUSY when the budget stays exhausted for too long
   */
  public Permit acquire(long bytes) throws InterruptedException {
    int want = (int) Math.min(units, Math.max(1, (bytes + UNIT - 1) / UNIT));
    if (!permits.tryAcquire(want, waitMillis, TimeUnit.MILLISECONDS)) {
      throw new NodeApiException(ApiError.unavailable("NODE_BUSY",
          "the node is verifying and storing as many uploads as it can hold; retry later"));
    }
    return new Permit(want);
  }

  /** Bytes not taken now, for metrics. */
  public long availableBytes() {
    return (long) permits.availablePermits() * UNIT;
  }
}
