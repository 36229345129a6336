package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.util.Objects;

/**
 * One blob object a batch extension moved: its new end epoch (exclusive), from the ledger's {@code
 * BlobCertified} event.
 */
public record BlobExtension(ObjectId objectId, BlobId blobId, int endEpoch) {
  public BlobExtension {
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(blobId, "blobId");
  }
}
