package dev.walrus.core.encoding;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an encoding keeps the parts of the expanded blob it must compute before the first sliver
 * can be sent: the recovery symbols of every row (about half the blob) and, when slivers are
 * wanted, the recovery rows (about twice the blob). Small blobs keep them in the heap; larger
 * ones in a temporary file, so the heap needed to encode does not depend on the blob's size.
 */
public final class SpillSpace {
  /** Up to this many bytes of spill stay in the heap by default. */
  public static final long DEFAULT_HEAP_LIMIT = 32L << 20;

  private final Path directory;
  private final long heapLimit;

  private SpillSpace(Path directory, long heapLimit) {
    this.directory = directory;
    this.heapLimit = heapLimit;
  }

  /** Everything in the heap, however large (for tests, benchmarks and blobs known to be small). */
  public static SpillSpace heap() {
    return new SpillSpace(null, Long.MAX_VALUE);
  }

  /** Spills of more than {@code heapLimit} bytes go to a temporary file in {@code directory}. */
  public static SpillSpace directory(Path directory, long heapLimit) {
    if (heapLimit < 0) {
      throw new IllegalArgumentException("negative heap limit " + heapLimit);
    }
    return new SpillSpace(Objects.requireNonNull(directory, "directory"), heapLimit);
  }

  /** The system's temporary directory ({@code java.io.tmpdir}), above the default heap limit. */
  public static SpillSpace temporaryDirectory() {
    return directory(Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_HEAP_LIMIT);
  }

  /** The directory large spills go to, or {@code null} if everything stays in the heap. */
  public Path directoryOrNull() {
    return directory;
  }

  Spill allocate(long bytes) {
    if (bytes <= heapLimit || directory == null) {
      return new HeapSpill(bytes);
    }
    return FileSpill.create(directory, bytes);
  }

  /**
   * The temporary bytes an encoding of a blob of {@code length} bytes writes, with slivers kept or
   * for the metadata only; zero when it would stay in the heap.
   */
  public long bytesNeeded(EncodingConfig config, long length, boolean keepSlivers) {
    long bytes = TwoDimensionalEncoding.spillBytes(config, length, keepSlivers);
    return bytes <= heapLimit || directory == null ? 0 : bytes;
  }
}
