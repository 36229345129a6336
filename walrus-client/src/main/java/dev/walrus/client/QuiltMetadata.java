package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.quilt.QuiltIndex;
import java.util.List;
import java.util.Objects;

/**
 * A stored quilt's verified blob metadata and its index (Walrus's {@code QuiltMetadataV1}), as
 * {@link WalrusClient#listQuiltPatches} returns it.
 */
public record QuiltMetadata(BlobId quiltId, BlobMetadataWithId metadata, QuiltIndex index) {
  public QuiltMetadata {
    Objects.requireNonNull(quiltId, "quiltId");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(index, "index");
  }

  /** Every patch with its quilt patch ID, in quilt order. */
  public List<StoredQuiltPatch> patches() {
    return index.patches().stream().map(p -> StoredQuiltPatch.of(quiltId, p)).toList();
  }
}
