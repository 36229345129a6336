package dev.walrus.core.encoding;

/**
 * Scratch space for the parts of an expanded blob that an encoding computes and needs again later
 * (the rows' recovery symbols, the recovery rows): in memory for small blobs, in a temporary file
 * for large ones, so memory does not grow with the blob. Safe for concurrent reads and writes of
 * disjoint ranges.
 */
abstract sealed class Spill implements AutoCloseable permits HeapSpill, FileSpill {
  abstract long size();

  abstract void write(long offset, byte[] src, int srcOffset, int length);

  abstract void read(long offset, byte[] dst, int dstOffset, int length);

  /** Frees the space; the spill must not be used afterwards. */
  @Override
  public abstract void close();
}
