package dev.walrus.core.encoding;

import dev.walrus.core.hash.Node;

/**
 * Checks that a sliver belongs to a blob (spec §10): index below {@code n}, the length and symbol
 * size the blob's length implies, and a hash equal to the metadata's hash of its pair.
 */
public final class SliverVerifier {
  private final EncodingConfig config;

  public SliverVerifier(EncodingConfig config) {
    this.config = config;
  }

  /**
   * @throws InvalidSliverException naming the failed check
   */
  public void verify(BlobMetadata metadata, SliverData sliver) {
    Node expected = expectedHashFor(metadata, sliver);
    Node actual = ExpandedSliver.of(config, sliver).hash();
    if (!actual.equals(expected)) {
      throw new InvalidSliverException(
          sliver.type().urlName() + " sliver " + sliver.index() + " does not match the blob's metadata");
    }
  }

  /** Checks the sliver's shape and returns the metadata hash it must have. */
  Node expectedHashFor(BlobMetadata metadata, SliverData sliver) {
    int n = config.nShards();
    if (metadata.nShards() != n) {
      throw new InvalidMetadataException("metadata has " + metadata.nShards() + " sliver pairs, the network " + n + " shards");
    }
    if (sliver.index() >= n) {
      throw new InvalidSliverException("sliver index " + sliver.index() + " is out of range for " + n + " shards");
    }
    int ss = config.symbolSize(metadata.unencodedLength());
    if (sliver.symbolSize() != ss) {
      throw new InvalidSliverException("sliver symbol size " + sliver.symbolSize() + " differs from the blob's " + ss);
    }
    int expectedLength = config.sliverSize(sliver.type(), ss);
    if (sliver.length() != expectedLength) {
      throw new InvalidSliverException(
          sliver.type().urlName() + " sliver has " + sliver.length() + " bytes, expected " + expectedLength);
    }
    return metadata.hashes().get(sliver.pairIndex(n)).hash(sliver.type());
  }
}
