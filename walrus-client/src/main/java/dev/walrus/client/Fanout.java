package dev.walrus.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs requests to many nodes, at most {@code concurrency} at a time in the given order (so the
 * preferred ones go first), and stops as soon as enough have succeeded — the rest are never sent
 * or are interrupted; no more are in flight than could still be needed. One virtual thread per request; results and failures are handled on the
 * calling thread, so the callbacks need no locking.
 */
final class Fanout {
  private Fanout() {}

  private record Outcome<T, R>(T item, R value, RuntimeException error) {}

  /**
   * @param spare requests allowed in flight beyond those that could still be needed: hedges
   *     against slow nodes at the price of requests that may turn out unnecessary
   * @param onFailure told of each failed item (on the calling thread)
   * @return up to {@code needed} successful results, in completion order
   */
  static <T, R> List<R> untilEnough(List<T> items, int concurrency, int needed, int spare, Function<T, R> task,
      BiConsumer<T, RuntimeException> onFailure) {
    List<R> results = new ArrayList<>(Math.min(needed, items.size()));
    if (needed <= 0) {
      return results;
    }
    ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    try {
      ExecutorCompletionService<Outcome<T, R>> done = new ExecutorCompletionService<>(exec);
      int next = 0;
      int inFlight = 0;
      int limit = Math.max(1, concurrency);
      while (results.size() < needed) {
        while (inFlight < limit && results.size() + inFlight < needed + spare && next < items.size()) {
          T item = items.get(next++);
          done.submit(() -> {
            try {
              return new Outcome<>(item, task.apply(item), null);
            } catch (RuntimeException e) {
              return new Outcome<>(item, null, e);
            }
          });
          inFlight++;
        }
        if (inFlight == 0) {
          break;
        }
        Outcome<T, R> o = done.take().get();
        inFlight--;
        if (o.error() == null) {
          results.add(o.value());
        } else {
          onFailure.accept(o.item(), o.error());
        }
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalrusClientException("interrupted", e);
    } catch (ExecutionException e) {
      // Tasks catch their own RuntimeExceptions; only Errors get here.
      throw new IllegalStateException(e.getCause());
    } finally {
      exec.shutdownNow();
    }
  }
}
