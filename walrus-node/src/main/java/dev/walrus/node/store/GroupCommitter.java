package dev.walrus.node.store;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits sliver writes from many concurrent requests together: one thread takes whatever is
 * queued (up to {@code maxCount} writes or {@code maxBytes}) and commits it as one {@link Batch},
 * so a burst of uploads costs one WAL write (one fsync with {@link StoreOptions#syncWrites()})
 * and one JNI call per group instead of per sliver, and no request thread blocks in native code.
 * A write's future completes once its group is committed, so an upload is acknowledged only when
 * it survives a process crash.
 *
 * <p>If a group fails (say a shard was dropped under one of its writes), its writes are committed
 * one by one so that each request gets its own outcome. The queue is bounded: callers block in
 * {@link #putSliverBcs} while it is full.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  private record Write(int shard, SliverType type, BlobId blobId, byte[] bcs, CompletableFuture<Void> done) {}

  private static final Write STOP = new Write(0, SliverType.PRIMARY, null, new byte[0], null);

  private final NodeStore store;
  private final int maxCount;
  private final long maxBytes;
  private final BlockingQueue<Write> queue;
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param maxCount writes per group
   * @param maxBytes sliver bytes per group (a larger single write forms a group of its own)
   * @param capacity writes waiting at most
   */
  public GroupCommitter(NodeStore store, int maxCount, long maxBytes, int capacity) {
    if (maxCount < 1 || maxBytes < 1 || capacity < 1) {
      throw new IllegalArgumentException("group limits and capacity must be positive");
    }
    this.store = Objects.requireNonNull(store, "store");
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = Thread.ofPlatform().daemon().name("sliver-group-commit").start(this::run);
  }

  /**
   * Queues {@code bcs} (a checked sliver's BCS) for shard {@code shard}; the future completes when
   * it is committed, or exceptionally with the store's exception.
   *
   * @throws InterruptedException if interrupted while the queue is full
   * @throws StoreClosedException if the committer is closed
   */
  public CompletableFuture<Void> putSliverBcs(int shard, SliverType type, BlobId blobId, byte[] bcs)
      throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Write w = new Write(shard, Objects.requireNonNull(type), Objects.requireNonNull(blobId), Objects.requireNonNull(bcs),
        done);
    while (!queue.offer(w, 100, TimeUnit.MILLISECONDS)) {
      checkOpen();
    }
    checkOpen();
    return done;
  }

  /** Commits what is queued, then stops the writer thread; later writes are refused. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(STOP);
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failRest(new StoreClosedException(store.directory().toString()));
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreClosedException(store.directory().toString());
    }
  }

  private void run() {
    List<Write> group = new ArrayList<>();
    while (true) {
      Write first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (first == STOP) {
        return;
      }
      group.add(first);
      long bytes = first.bcs().length;
      boolean stop = false;
      while (group.size() < maxCount && bytes < maxBytes) {
        Write next = queue.peek();
        if (next == null || (next != STOP && bytes + next.bcs().length > maxBytes)) {
          break;
        }
        queue.poll();
        if (next == STOP) {
          stop = true;
          break;
        }
        group.add(next);
        bytes += next.bcs().length;
      }
      commit(group);
      group.clear();
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Write> group) {
    try {
      commitAll(group);
      group.forEach(w -> w.done().complete(null));
    } catch (RuntimeException groupFailed) {
      if (group.size() == 1) {
        group.getFirst().done().completeExceptionally(groupFailed);
        return;
      }
      LOG.debug("a group of {} sliver writes failed ({}); committing them one by one", group.size(), groupFailed.toString());
      for (Write w : group) {
        try {
          commitAll(List.of(w));
          w.done().complete(null);
        } catch (RuntimeException e) {
          w.done().completeExceptionally(e);
        }
      }
    }
  }

  private void commitAll(List<Write> writes) {
    try (Batch batch = store.batch()) {
      for (Write w : writes) {
        batch.putSliverBcs(w.shard(), w.type(), w.blobId(), w.bcs());
      }
      batch.commit();
    }
  }

  private void failRest(RuntimeException e) {
    for (Write w; (w = queue.poll()) != null; ) {
      if (w != STOP) {
        w.done().completeExceptionally(e);
      }
    }
  }
}
