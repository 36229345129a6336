package dev.walrus.core.encoding;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of {@link BlobEncoder#encode}: metadata and the {@code n} sliver pairs. Slivers are
 * materialised on request from the blob's source and the encoding's spill, so callers that send
 * them one by one never hold all of them. Safe for use from many threads; {@link #close} frees the
 * spill (its temporary file, if any), after which slivers cannot be had.
 */
public final class EncodedBlob implements AutoCloseable {
  private final EncodingConfig config;
  private final BlobMetadataWithId metadata;
  private final TwoDimensionalEncoding encoding;

  EncodedBlob(EncodingConfig config, BlobMetadataWithId metadata, TwoDimensionalEncoding encoding) {
    this.config = config;
    this.metadata = metadata;
    this.encoding = encoding;
  }

  public BlobMetadataWithId metadata() {
    return metadata;
  }

  public BlobId blobId() {
    return metadata.blobId();
  }

  public int symbolSize() {
    return encoding.symbolSize();
  }

  /** Primary sliver {@code index} (= pair {@code index}). */
  public SliverData primarySliver(int index) {
    checkIndex(index);
    return SliverData.wrap(SliverType.PRIMARY, index, encoding.symbolSize(), encoding.primarySliver(index));
  }

  /**
   * Primary sliver {@code index} read into {@code buffer}, which must be exactly {@link
   * EncodingConfig#primarySliverSize} long; the result wraps the buffer (no copy), so it is valid
   * only as long as the buffer is not reused.
   */
  public SliverData primarySliver(int index, byte[] buffer) {
    checkIndex(index);
    return SliverData.wrap(SliverType.PRIMARY, index, encoding.symbolSize(), encoding.primarySliver(index, buffer));
  }

  /** Secondary sliver {@code index} read into {@code buffer}, as {@link #primarySliver(int, byte[])}. */
  public SliverData secondarySliver(int index, byte[] buffer) {
    checkIndex(index);
    return SliverData.wrap(SliverType.SECONDARY, index, encoding.symbolSize(),
        encoding.secondarySliver(index, buffer));
  }

  /** Secondary sliver {@code index} (held by pair {@code n − 1 − index}). */
  public SliverData secondarySliver(int index) {
    checkIndex(index);
    return SliverData.wrap(SliverType.SECONDARY, index, encoding.symbolSize(), encoding.secondarySliver(index));
  }

  /** The sliver of the given axis held by pair {@code pairIndex}. */
  public SliverData sliver(SliverType type, int pairIndex) {
    return type == SliverType.PRIMARY
        ? primarySliver(pairIndex)
        : secondarySliver(config.nShards() - 1 - pairIndex);
  }

  /** Sliver pair {@code index}: primary sliver {@code index}, secondary sliver {@code n − 1 − index}. */
  public SliverPair pair(int index) {
    return new SliverPair(index, primarySliver(index), secondarySliver(config.nShards() - 1 - index));
  }

  public List<SliverPair> pairs() {
    List<SliverPair> out = new ArrayList<>(config.nShards());
    for (int i = 0; i < config.nShards(); i++) {
      out.add(pair(i));
    }
    return out;
  }

  /** Frees the encoding's spill. */
  @Override
  public void close() {
    encoding.close();
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= config.nShards()) {
      throw new IndexOutOfBoundsException("sliver " + index + " of " + config.nShards());
    }
  }
}
