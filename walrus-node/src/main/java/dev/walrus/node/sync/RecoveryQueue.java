package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The blobs recovery holds in memory: waiting (each with the time it is due) or being worked on.
 * Bounded: when full, {@link #offer} refuses, and the blob waits in the persistent work list until
 * there is room. The earliest due blob is taken first.
 */
final class RecoveryQueue {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<BlobId, Entry> entries = new HashMap<>();
  private final PriorityQueue<Entry> waiting = new PriorityQueue<>((a, b) ->
      a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
  private long orders;

  /** A blob in the queue; {@code backoffNanos} doubles with each failed attempt. */
  private static final class Entry {
    final BlobId blobId;
    long due;
    long order;
    long backoffNanos;
    boolean running;
    /** Offered again while running: something new may be missing, so it runs once more. */
    boolean again;
    boolean cancelled;

    Entry(BlobId blobId, long due, long order, long backoffNanos) {
      this.blobId = blobId;
      this.due = due;
      this.order = order;
      this.backoffNanos = backoffNanos;
    }
  }

  RecoveryQueue(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Adds a blob due at {@code dueNanos} ({@link System#nanoTime()} clock). Returns false only when
   * the queue is full; a blob already held is left as it is.
   */
  boolean offer(BlobId blobId, long dueNanos, long firstBackoffNanos) {
    lock.lock();
    try {
      Entry held = entries.get(blobId);
      if (held != null) {
        held.again |= held.running;
        return true;
      }
      if (entries.size() >= capacity) {
        return false;
      }
      Entry e = new Entry(blobId, dueNanos, orders++, firstBackoffNanos);
      entries.put(blobId, e);
      waiting.add(e);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the earliest blob that is due and marks it running. */
  BlobId take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        Entry head = waiting.peek();
        if (head != null && head.cancelled) {
          waiting.poll();
          continue;
        }
        if (head == null) {
          changed.await();
          continue;
        }
        long wait = head.due - System.nanoTime();
        if (wait > 0) {
          changed.awaitNanos(wait);
          continue;
        }
        waiting.poll();
        head.running = true;
        return head.blobId;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A running blob finished. If it was offered again while it ran, it is due again at once and
   * stays (returns true); otherwise it leaves the queue.
   */
  boolean finishOrRunAgain(BlobId blobId) {
    lock.lock();
    try {
      Entry e = entries.get(blobId);
      if (e != null && e.again && !e.cancelled) {
        e.again = false;
        e.running = false;
        e.due = System.nanoTime();
        e.order = orders++;
        waiting.add(e);
        changed.signalAll();
        return true;
      }
      done(blobId);
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** A running blob is finished (or was cancelled meanwhile): it leaves the queue. */
  void done(BlobId blobId) {
    lock.lock();
    try {
      entries.remove(blobId);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A running blob failed: it is due again after its back-off, which then doubles up to {@code
   * maxBackoffNanos}. Returns the delay, or -1 if it was cancelled meanwhile (it leaves the queue).
   */
  long retry(BlobId blobId, long maxBackoffNanos) {
    lock.lock();
    try {
      Entry e = entries.get(blobId);
      if (e == null || e.cancelled) {
        entries.remove(blobId);
        return -1;
      }
      long delay = e.backoffNanos;
      e.backoffNanos = Math.min(maxBackoffNanos, 2 * e.backoffNanos);
      e.due = System.nanoTime() + delay;
      e.order = orders++;
      e.running = false;
      e.again = false;
      waiting.add(e);
      changed.signalAll();
      return delay;
    } finally {
      lock.unlock();
    }
  }

  /** Drops a blob; if it is running, its worker's result is ignored. */
  void cancel(BlobId blobId) {
    lock.lock();
    try {
      Entry e = entries.get(blobId);
      if (e != null) {
        e.cancelled = true;
        if (!e.running) {
          entries.remove(blobId);
        }
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the blob is running and was cancelled meanwhile. */
  boolean cancelled(BlobId blobId) {
    lock.lock();
    try {
      Entry e = entries.get(blobId);
      return e != null && e.cancelled;
    } finally {
      lock.unlock();
    }
  }

  boolean contains(BlobId blobId) {
    lock.lock();
    try {
      Entry e = entries.get(blobId);
      return e != null && !e.cancelled;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  int capacity() {
    return capacity;
  }

  /** Waits until at most {@code size} blobs are held, or the timeout passes. */
  void awaitAtMost(int size, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    lock.lock();
    try {
      while (entries.size() > size) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }
}
