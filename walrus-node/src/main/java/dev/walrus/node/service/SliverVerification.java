package dev.walrus.node.service;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverRootHasher;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks uploaded slivers against their blobs' metadata on a fixed pool of platform threads, one
 * per core, off the HTTP threads: verification is the node's main CPU cost (expanding the sliver
 * to {@code n} symbols and hashing a Merkle tree over them), and on two carrier threads of
 * virtual threads it would stall every other request behind it.
 *
 * <p>Waiting slivers are grouped by axis and symbol size, and a worker takes a whole group at once
 * ({@link SliverRootHasher}): concurrent uploads of one blob — or of blobs of one size — share one
 * expansion and one hashing pass per tree level. A group is capped at {@value #MAX_BATCH}
 * slivers and about {@value #MAX_BATCH_BYTES} bytes of expanded symbols. Groups are served in
 * the order they first arrived. The queue needs no bound of its own: every queued sliver holds
 * bytes of the {@link IngestBudget}.
 */
public final class SliverVerification implements AutoCloseable {
  static final int MAX_BATCH = 64;
  static final long MAX_BATCH_BYTES = 4L << 20;

  private record Key(int nShards, SliverType type, int symbolSize) {}

  private record Job(EncodingConfig config, SliverBody body, Node expected, CompletableFuture<Boolean> result) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition waiting = lock.newCondition();
  private final LinkedHashMap<Key, ArrayDeque<Job>> queued = new LinkedHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private boolean closed;

  public SliverVerification(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one verification thread is needed");
    }
    VectorizationProvider.startWarmup();
    for (int i = 0; i < threads; i++) {
      workers.add(Thread.ofPlatform().daemon().name("sliver-verify-" + i).start(this::work));
    }
  }

  /**
   * Completes with whether the Merkle root of {@code body}'s expanded symbols equals {@code
   * expected}. The body's shape (symbol count and size) must already match the blob.
   */
  CompletableFuture<Boolean> verify(EncodingConfig config, SliverBody body, Node expected) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Key key = new Key(config.nShards(), body.type(), body.symbolSize());
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("sliver verification is shut down");
      }
      queued.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Job(config, body, expected, result));
      waiting.signal();
    } finally {
      lock.unlock();
    }
    return result;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      waiting.signalAll();
      queued.values().forEach(q -> q.forEach(j -> j.result().completeExceptionally(
          new IllegalStateException("sliver verification is shut down"))));
      queued.clear();
    } finally {
      lock.unlock();
    }
    workers.forEach(Thread::interrupt);
  }

  private void work() {
    // Vector code run before the JIT has compiled it is many times slower than waiting for it.
    VectorizationProvider.awaitGfKernels();
    VectorizationProvider.awaitHashing();
    Map<Integer, SliverRootHasher> hashers = new LinkedHashMap<>();
    while (true) {
      List<Job> batch;
      try {
        batch = next();
      } catch (InterruptedException e) {
        return;
      }
      if (batch == null) {
        return;
      }
      try {
        Job first = batch.getFirst();
        SliverRootHasher hasher = hashers.computeIfAbsent(first.config().nShards(), n -> new SliverRootHasher(first.config()));
        int count = batch.size();
        byte[][] data = new byte[count][];
        int[] offsets = new int[count];
        for (int i = 0; i < count; i++) {
          data[i] = batch.get(i).body().bcs();
          offsets[i] = batch.get(i).body().dataOffset();
        }
        byte[] roots = new byte[count * Node.LENGTH];
        hasher.roots(first.body().type(), first.body().symbolSize(), count, data, offsets, roots);
        for (int i = 0; i < count; i++) {
          byte[] expected = batch.get(i).expected().bytes();
          batch.get(i).result().complete(Arrays.equals(roots, i * Node.LENGTH, (i + 1) * Node.LENGTH, expected, 0, Node.LENGTH));
        }
      } catch (RuntimeException e) {
        batch.forEach(j -> j.result().completeExceptionally(e));
      }
    }
  }

  /** The oldest group's slivers, up to the batch limits; null once closed. */
  private List<Job> next() throws InterruptedException {
    lock.lock();
    try {
      while (queued.isEmpty() && !closed) {
        waiting.await();
      }
      if (closed) {
        return null;
      }
      Iterator<Map.Entry<Key, ArrayDeque<Job>>> it = queued.entrySet().iterator();
      Map.Entry<Key, ArrayDeque<Job>> oldest = it.next();
      Key key = oldest.getKey();
      ArrayDeque<Job> jobs = oldest.getValue();
      long expandedBytes = (long) key.nShards() * key.symbolSize();
      int limit = (int) Math.max(1, Math.min(MAX_BATCH, MAX_BATCH_BYTES / expandedBytes));
      List<Job> batch = new ArrayList<>(Math.min(limit, jobs.size()));
      while (!jobs.isEmpty() && batch.size() < limit) {
        batch.add(jobs.poll());
      }
      it.remove();
      if (!jobs.isEmpty()) {
        queued.put(key, jobs); // what is left waits behind the other groups
      }
      if (!queued.isEmpty()) {
        waiting.signal();
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }
}
