package dev.walrus.client;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The buffers that slivers are read into for upload, shared by all the stores a client runs at
 * once, and the bound on them: at most {@link #capacity} bytes of buffers exist at a time (one
 * buffer larger than that may exist alone). A sliver is read from its encoding only once it has a
 * buffer, so the memory a store takes is this bound, not the blob's size.
 *
 * <p>Buffers are reused rather than dropped: a store sends thousands of slivers of two sizes, and
 * a fresh array per sliver would outlive the young generation while its upload is in flight and
 * fill the old one with garbage — the serial collector grows the heap rather than collecting it.
 * Free buffers are dropped when no upload is running, so an idle client holds none.
 */
final class SliverBuffers {
  private final long capacity;
  private final Map<Integer, ArrayDeque<byte[]>> free = new HashMap<>();
  /** Bytes of the buffers that exist, free or lent. */
  private long allocated;
  private int lent;

  SliverBuffers(long capacity) {
    if (capacity < 1 << 20) {
      throw new IllegalArgumentException("an upload buffer of " + capacity + " bytes is too small (at least 1 MiB)");
    }
    this.capacity = capacity;
  }

  long capacity() {
    return capacity;
  }

  /** A buffer of exactly {@code size} bytes, waiting until the bound allows one. */
  synchronized byte[] take(int size) throws InterruptedException {
    while (true) {
      ArrayDeque<byte[]> same = free.get(size);
      if (same != null && !same.isEmpty()) {
        lent++;
        return same.pop();
      }
      if (allocated + size > capacity) {
        dropFree();
      }
      if (allocated + size <= capacity || allocated == 0) {
        allocated += size;
        lent++;
        return new byte[size];
      }
      wait();
    }
  }

  /** Gives back a buffer from {@link #take}; the caller must not use it afterwards. */
  synchronized void give(byte[] buffer) {
    lent--;
    free.computeIfAbsent(buffer.length, k -> new ArrayDeque<>()).push(buffer);
    if (lent == 0) {
      dropFree();
    }
    notifyAll();
  }

  /** Drops every free buffer (of any size): room for buffers of another size, or nothing held when idle. */
  private void dropFree() {
    for (Iterator<ArrayDeque<byte[]>> it = free.values().iterator(); it.hasNext(); ) {
      ArrayDeque<byte[]> q = it.next();
      for (byte[] b : q) {
        allocated -= b.length;
      }
      it.remove();
    }
  }

  /** The default: a quarter of the heap, at most 256 MiB and at least 16 MiB. */
  static long defaultCapacity() {
    return Math.max(16L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
  }
}
