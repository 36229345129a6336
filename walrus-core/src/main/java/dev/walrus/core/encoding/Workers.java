package dev.walrus.core.encoding;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Spreads independent tasks over the cores without threads of its own: a parallel stream runs
 * one worker per core on the common fork-join pool plus the calling thread, and each worker pulls
 * task indices until none are left. If the pool is busy the caller simply does more of the work.
 */
final class Workers {
  private Workers() {}

  interface Task<S> {
    void run(S scratch, int index);
  }

  /** Runs {@code task} for indices {@code 0..count-1}; each worker gets its own scratch state. */
  static <S> void run(int count, Supplier<S> scratch, Task<S> task) {
    int workers = Math.min(count, Runtime.getRuntime().availableProcessors());
    if (workers <= 1) {
      S s = scratch.get();
      for (int i = 0; i < count; i++) {
        task.run(s, i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    IntStream.range(0, workers).parallel().forEach(w -> {
      S s = scratch.get();
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        task.run(s, i);
      }
    });
  }
}
