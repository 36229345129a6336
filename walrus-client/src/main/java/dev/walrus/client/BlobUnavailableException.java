package dev.walrus.client;

import dev.walrus.core.BlobId;

/**
 * A read could not collect enough verified data — no node gave metadata that matches the blob
 * ID, or too few gave valid slivers — and too few nodes denied the blob for it to count as not
 * found. Usually transient (nodes down, an epoch change); retrying later may succeed.
 */
public final class BlobUnavailableException extends WalrusClientException {
  private final transient BlobId blobId;

  public BlobUnavailableException(BlobId blobId, String message) {
    super(message);
    this.blobId = blobId;
  }

  public BlobId blobId() {
    return blobId;
  }
}
