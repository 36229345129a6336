package dev.walrus.client;

import dev.walrus.core.BlobId;

/**
 * How far one store got: its current phase and, once encoded, the blob ID — so that a failed
 * blob of a multi-blob store can be reported with both, as Walrus's {@code error} result does.
 */
final class StoreTracker {
  private volatile String phase = "read";
  private volatile BlobId blobId;

  void phase(String phase) {
    this.phase = phase;
  }

  void blobId(BlobId blobId) {
    this.blobId = blobId;
  }

  String phase() {
    return phase;
  }

  BlobId blobId() {
    return blobId;
  }
}
