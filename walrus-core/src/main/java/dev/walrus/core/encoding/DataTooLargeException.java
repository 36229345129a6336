package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** A blob longer than the maximum an encoding config can hold. */
public final class DataTooLargeException extends WalrusException {
  private final long size;
  private final long maxSize;

  public DataTooLargeException(long size, long maxSize, int nShards) {
    super("blob of " + size + " bytes is too large: at most " + maxSize + " bytes fit " + nShards + " shards");
    this.size = size;
    this.maxSize = maxSize;
  }

  public long size() {
    return size;
  }

  public long maxSize() {
    return maxSize;
  }
}
