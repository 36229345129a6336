package dev.walrus.client;

import java.util.List;
import java.util.Objects;

/**
 * What {@link WalrusClient#storeQuilt} did: the store of the quilt blob, and where each file
 * landed. {@code storedQuiltBlobs} is empty when the quilt's blob ID is marked invalid (nothing
 * was stored), as in Walrus.
 */
public record QuiltStoreResult(StoreResult blobStoreResult, List<StoredQuiltPatch> storedQuiltBlobs) {
  public QuiltStoreResult {
    Objects.requireNonNull(blobStoreResult, "blobStoreResult");
    storedQuiltBlobs = List.copyOf(storedQuiltBlobs);
  }
}
