package dev.walrus.core.encoding;

import dev.walrus.core.BlobId;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.Node;

/**
 * Metadata together with the blob ID it claims, as storage nodes and clients exchange it. BCS:
 * {@code blob_id[32] ‖ BlobMetadata}.
 */
public record BlobMetadataWithId(BlobId blobId, BlobMetadata metadata) {

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(48 + 66 * metadata.nShards());
    w.fixedBytes(blobId.bytes());
    metadata.writeBcs(w);
    return w.toByteArray();
  }

  public static BlobMetadataWithId fromBcs(byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    BlobId id = BlobId.of(r.fixedBytes(BlobId.LENGTH));
    BlobMetadata m = BlobMetadata.readBcs(r);
    r.finish();
    return new BlobMetadataWithId(id, m);
  }

  public Node rootHash() {
    return metadata.rootHash();
  }

  public long unencodedLength() {
    return metadata.unencodedLength();
  }

  /** Symbol size implied by the blob length under {@code config}. */
  public int symbolSize(EncodingConfig config) {
    return config.symbolSize(metadata.unencodedLength());
  }

  /**
   * Checks what a receiver of metadata must check (spec §10): {@code n} hash pairs, a length
   * within the maximum, and a blob ID that is the hash of this metadata.
   *
   * @throws InvalidMetadataException describing the first failed check
   */
  public void verify(EncodingConfig config) {
    if (metadata.nShards() != config.nShards()) {
      throw new InvalidMetadataException(
          "metadata has " + metadata.nShards() + " sliver pairs, the network has " + config.nShards() + " shards");
    }
    if (metadata.unencodedLength() > config.maxBlobSize()) {
      throw new InvalidMetadataException(
          "blob length " + metadata.unencodedLength() + " exceeds the maximum " + config.maxBlobSize());
    }
    for (SliverPairMetadata h : metadata.hashes()) {
      if (h.primaryHash().isEmpty() || h.secondaryHash().isEmpty()) {
        throw new InvalidMetadataException("metadata contains an empty sliver hash");
      }
    }
    BlobId computed = metadata.computeBlobId();
    if (!computed.equals(blobId)) {
      throw new InvalidMetadataException(
          "metadata does not match blob ID " + blobId + " (it hashes to " + computed + ")");
    }
  }
}
