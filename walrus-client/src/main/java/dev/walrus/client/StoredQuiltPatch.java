package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.quilt.QuiltPatch;
import dev.walrus.core.quilt.QuiltPatchId;
import java.util.Objects;

/**
 * A file stored in a quilt, as Walrus's {@code StoredQuiltPatch} reports it: its identifier, its
 * quilt patch ID (what reads by patch ID take) and the columns — secondary slivers — it occupies,
 * {@code [startIndex, endIndex)}.
 */
public record StoredQuiltPatch(String identifier, QuiltPatchId quiltPatchId) {
  public StoredQuiltPatch {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(quiltPatchId, "quiltPatchId");
  }

  /** The patch of quilt {@code quiltId} that an index entry describes. */
  public static StoredQuiltPatch of(BlobId quiltId, QuiltPatch patch) {
    return new StoredQuiltPatch(patch.identifier(), new QuiltPatchId(quiltId, patch.internalId()));
  }

  public int startIndex() {
    return quiltPatchId.startIndex();
  }

  public int endIndex() {
    return quiltPatchId.endIndex();
  }
}
