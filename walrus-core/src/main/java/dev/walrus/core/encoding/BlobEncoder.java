package dev.walrus.core.encoding;

import java.lang.foreign.MemorySegment;

/**
 * Encodes blobs with RS2 for one number of shards: metadata and blob ID only, or all slivers.
 *
 * <p>Work is spread over all cores (through the common fork-join pool and the calling thread).
 * The blob is read through a {@link BlobSource} — a file read with positional I/O, or memory —
 * and what the encoding computes is kept in a {@link SpillSpace}, so blobs of any size up to the
 * network's maximum encode in a heap of bounded size.
 */
public final class BlobEncoder {
  private final EncodingConfig config;

  public BlobEncoder(EncodingConfig config) {
    this.config = config;
  }

  public EncodingConfig config() {
    return config;
  }

  /**
   * The blob's metadata and ID without producing slivers.
   *
   * @throws DataTooLargeException if the blob exceeds {@link EncodingConfig#maxBlobSize()}
   * @throws SpillSpaceException if the temporary space cannot be had or fails
   */
  public BlobMetadataWithId computeMetadata(BlobSource blob, SpillSpace space) {
    try (TwoDimensionalEncoding e = new TwoDimensionalEncoding(config, blob, false, space).run()) {
      BlobMetadata metadata = e.metadata();
      return new BlobMetadataWithId(metadata.computeBlobId(), metadata);
    }
  }

  /** The metadata of a blob in memory, with the encoding's scratch in the heap. */
  public BlobMetadataWithId computeMetadata(MemorySegment blob) {
    return computeMetadata(BlobSource.of(blob), SpillSpace.heap());
  }

  public BlobMetadataWithId computeMetadata(byte[] blob) {
    return computeMetadata(MemorySegment.ofArray(blob));
  }

  /**
   * Metadata and all sliver pairs. Slivers are read from {@code blob} and the spill when asked
   * for: the source must stay readable and unchanged until the result is closed, and closing it
   * frees the spill.
   *
   * @throws DataTooLargeException if the blob exceeds {@link EncodingConfig#maxBlobSize()}
   * @throws SpillSpaceException if the temporary space cannot be had or fails
   */
  public EncodedBlob encode(BlobSource blob, SpillSpace space) {
    TwoDimensionalEncoding e = new TwoDimensionalEncoding(config, blob, true, space).run();
    BlobMetadata metadata = e.metadata();
    return new EncodedBlob(config, new BlobMetadataWithId(metadata.computeBlobId(), metadata), e);
  }

  /** Metadata and all sliver pairs of a blob in memory, everything kept in the heap. */
  public EncodedBlob encode(MemorySegment blob) {
    return encode(BlobSource.of(blob), SpillSpace.heap());
  }

  public EncodedBlob encode(byte[] blob) {
    return encode(MemorySegment.ofArray(blob));
  }
}
