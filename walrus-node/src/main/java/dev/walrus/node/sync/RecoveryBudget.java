package dev.walrus.node.sync;

import dev.walrus.node.service.ClientTraffic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What recovery and hand-over may use of the node: at most one CPU-heavy step per core at once,
 * and only while the API is idle. Requests pre-empt recovery: at each {@link #checkpoint()} —
 * between slices of a millisecond or so — a recovery thread that has run for at least {@link
 * #MIN_RUN_NANOS} waits while requests are in flight (and {@link #QUIET_NANOS} after), but never
 * longer than {@link #MAX_PAUSE_NANOS} at a time, so recovery still gets a share under constant
 * load. Bounds the heap held by blobs being rebuilt, too.
 */
public final class RecoveryBudget {
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  static final long MIN_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final ClientTraffic traffic;
  private final Semaphore cpu;
  private final long memoryBytes;
  private final Semaphore memory;
  private final ThreadLocal<long[]> runningSince = ThreadLocal.withInitial(() -> new long[] {System.nanoTime()});
  private final Counter pauses;
  private final Counter pausedSeconds;

  public RecoveryBudget(ClientTraffic traffic, int cpuSlots, long memoryBytes, MeterRegistry metrics) {
    this.traffic = traffic;
    this.cpu = new Semaphore(Math.max(1, cpuSlots), true);
    this.memoryBytes = memoryBytes;
    this.memory = new Semaphore((int) Math.min(Integer.MAX_VALUE, memoryBytes >> 10), true);
    this.pauses = Counter.builder("walrus.node.recovery.pauses")
        .description("times recovery gave way to API requests").register(metrics);
    this.pausedSeconds = Counter.builder("walrus.node.recovery.paused.seconds")
        .description("time recovery spent giving way to API requests").register(metrics);
  }

  /** A budget for tests and tools: no API traffic to give way to. */
  public static RecoveryBudget unlimited(MeterRegistry metrics) {
    return new RecoveryBudget(new ClientTraffic(), Runtime.getRuntime().availableProcessors(), Long.MAX_VALUE >> 1, metrics);
  }

  /** Between slices of recovery work: gives way to API requests (see the class comment). */
  public void checkpoint() {
    long[] since = runningSince.get();
    long now = System.nanoTime();
    if (now - since[0] < MIN_RUN_NANOS || !traffic.busy(QUIET_NANOS)) {
      return;
    }
    long waited = traffic.awaitQuiet(QUIET_NANOS, MAX_PAUSE_NANOS);
    pauses.increment();
    pausedSeconds.increment(waited / 1e9);
    since[0] = System.nanoTime();
  }

  /** Runs a CPU-heavy step once a core is free for it. */
  public <T> T cpu(Step<T> step) throws InterruptedException {
    cpu.acquire();
    try {
      runningSince.get()[0] = System.nanoTime();
      checkpoint();
      return step.run();
    } finally {
      cpu.release();
    }
  }

  /**
   * Reserves about {@code bytes} of heap for a blob being rebuilt, waiting while others hold the
   * budget; a reservation larger than the whole budget is refused.
   */
  public Reservation memory(long bytes) throws InterruptedException {
    if (bytes > memoryBytes) {
      throw new IllegalArgumentException("a rebuild of " + bytes + " bytes exceeds the recovery heap budget of " + memoryBytes);
    }
    int kib = (int) Math.max(1, bytes >> 10);
    memory.acquire(kib);
    return () -> memory.release(kib);
  }

  /** Whether a rebuild of {@code bytes} can ever get a {@link #memory} reservation. */
  public boolean fits(long bytes) {
    return bytes <= memoryBytes;
  }

  /** A heap reservation, released on close. */
  public interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  /** A unit of CPU-heavy work. */
  @FunctionalInterface
  public interface Step<T> {
    T run() throws InterruptedException;
  }
}
