package dev.walrus.client;

/**
 * Progress of a store's upload, for progress bars: the sliver bytes to send to the storage nodes
 * and those the nodes accepted so far.
 *
 * <p>Each upload round announces the bytes it will send: the first round every node's slivers, a
 * retry round only those of the nodes that have not confirmed, so the announced total may grow
 * during a store. Called from the upload's threads at once, once per sliver: implementations must
 * be thread-safe and cheap.
 */
public interface ProgressListener {
  /** Ignores everything. */
  ProgressListener NONE = new ProgressListener() {
    @Override
    public void roundStarted(long bytes) {}

    @Override
    public void advanced(long bytes) {}
  };

  /** An upload round begins that will send {@code bytes} more sliver bytes. */
  void roundStarted(long bytes);

  /** A node accepted a sliver of {@code bytes} bytes. */
  void advanced(long bytes);
}
