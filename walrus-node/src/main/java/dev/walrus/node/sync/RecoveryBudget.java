package dev.walrus.node.sync;

import dev.walrus.core.hash.MerkleRoots;
import dev.walrus.core.internal.vectorization.KernelReadiness;
import dev.walrus.node.service.ClientTraffic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recovery and hand-over may use of the node: at most one CPU-heavy step per core at once,
 * and only while the API is idle. CPU-heavy steps run on platform threads of their own: the API
 * serves each request on a virtual thread, and virtual threads share a carrier per core that a
 * virtual thread busy computing would hold until it blocks, so requests would wait behind
 * recovery rather than pre-empt it. Requests pre-empt recovery: at each {@link #checkpoint()} —
 * between slices of a millisecond or so — a recovery thread that has run for at least {@link
 * #MIN_RUN_NANOS} waits while requests are in flight (and {@link #QUIET_NANOS} after), but never
 * longer than {@link #MAX_PAUSE_NANOS} at a time, so recovery still gets a share under constant
 * load. Bounds the heap held by blobs being rebuilt, too.
 */
public final class RecoveryBudget implements AutoCloseable {
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  static final long MIN_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** CPU steps waiting for a thread: at most one per recovery worker. */
  private static final int CPU_QUEUE = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(RecoveryBudget.class);
  private static final Duration MAX_WARMUP = Duration.ofSeconds(60);

  private final ClientTraffic traffic;
  private volatile boolean warm;
  private final ThreadPoolExecutor cpu;
  private final long memoryBytes;
  private final Semaphore memory;
  private final ThreadLocal<long[]> runningSince = ThreadLocal.withInitial(() -> new long[] {System.nanoTime()});
  private final Counter pauses;
  private final Counter pausedSeconds;

  public RecoveryBudget(ClientTraffic traffic, int cpuSlots, long memoryBytes, MeterRegistry metrics) {
    this.traffic = traffic;
    int slots = Math.max(1, cpuSlots);
    // Each recovery worker waits for its own step, so the queue never holds more than the workers.
    this.cpu = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CPU_QUEUE),
        Thread.ofPlatform().daemon().name("recovery-cpu-", 0).factory());
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

  /**
   * Before recovery starts on another blob: while API requests are being served, waits for a quiet
   * moment (at most {@link #MAX_PAUSE_NANOS}), so the reads and writes recovery itself sends to
   * its peers also thin out when this node's clients are active.
   */
  public void admit() {
    if (traffic.busy(QUIET_NANOS)) {
      long waited = traffic.awaitQuiet(QUIET_NANOS, MAX_PAUSE_NANOS);
      pauses.increment();
      pausedSeconds.increment(waited / 1e9);
    }
  }

  /** Runs a CPU-heavy step on a recovery thread once one is free, and waits for it. */
  public <T> T cpu(Step<T> step) throws InterruptedException {
    Future<T> result = cpu.submit(() -> {
      warmUp();
      runningSince.get()[0] = System.nanoTime();
      checkpoint();
      return step.run();
    });
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      if (e.getCause() instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Starts getting the codec's kernels compiled, so the first recovery does not wait for it. */
  public void warmUpInBackground() {
    cpu.execute(this::warmUp);
  }

  /**
   * Waits, once, until the codec's vector kernels run compiled: a node that restarts into a backlog
   * would otherwise recover on their fallback code, a hundred times slower, starving the compiler
   * and every request with it.
   */
  private void warmUp() {
    if (warm) {
      return;
    }
    synchronized (this) {
      if (warm) {
        return;
      }
      long start = System.nanoTime();
      boolean compiled = KernelReadiness.awaitCompiled(MAX_WARMUP, this::checkpoint);
      MerkleRoots.warmUp();
      LOG.info("recovery kernels {} after {} ms", compiled ? "compiled" : "still NOT compiled",
          (System.nanoTime() - start) / 1_000_000);
      warm = true;
    }
  }

  /** Stops the recovery threads. */
  @Override
  public void close() {
    cpu.shutdownNow();
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
