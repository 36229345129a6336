package dev.walrus.bench;

import dev.walrus.core.BlobId;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One way a client stores and reads whole blobs on a running network — through the SDK or through
 * the HTTP daemon — so that the client benchmark times both the same way.
 */
interface BlobTransport extends AutoCloseable {
  /** {@code sdk} or {@code http}, as {@code --via} names it. */
  String name();

  /** Stores the file as a new blob for {@code epochs} epochs and returns its ID once certified. */
  BlobId store(Path file, int epochs) throws IOException;

  /** Reads the blob into {@code out} (created or replaced). */
  void read(BlobId blobId, Path out) throws IOException;

  @Override
  void close() throws IOException;
}
