package dev.walrus.core.encoding;

import java.lang.foreign.MemorySegment;

/**
 * Encodes blobs with RS2 for one number of shards: metadata and blob ID only, or all slivers.
 *
 * <p>Work is spread over all cores (through the common fork-join pool and the calling thread).
 * Blobs are passed as {@link MemorySegment}s so a file can be memory-mapped rather than read into
 * the heap, and blobs above 2 GiB work.
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
   */
  public BlobMetadataWithId computeMetadata(MemorySegment blob) {
    TwoDimensionalEncoding e = new TwoDimensionalEncoding(config, blob, false).run();
    BlobMetadata metadata = e.metadata();
    return new BlobMetadataWithId(metadata.computeBlobId(), metadata);
  }

  public BlobMetadataWithId computeMetadata(byte[] blob) {
    return computeMetadata(MemorySegment.ofArray(blob));
  }

  /**
   * Metadata and all sliver pairs. The result reads source slivers from {@code blob}, which must
   * stay valid and unchanged while it is used.
   */
  public EncodedBlob encode(MemorySegment blob) {
    TwoDimensionalEncoding e = new TwoDimensionalEncoding(config, blob, true).run();
    BlobMetadata metadata = e.metadata();
    return new EncodedBlob(config, new BlobMetadataWithId(metadata.computeBlobId(), metadata), e);
  }

  public EncodedBlob encode(byte[] blob) {
    return encode(MemorySegment.ofArray(blob));
  }
}
