package dev.walrus.client;

import dev.walrus.core.BlobId;

/**
 * The blob does not exist, as far as the network can tell: nodes holding at least a quorum of
 * shards ({@code n − f}) said they do not know it (never certified, deleted, expired), or it was
 * marked invalid. Fewer refusals than that are not proof of absence and yield {@link
 * BlobUnavailableException} instead.
 */
public final class BlobNotFoundException extends WalrusClientException {
  private final transient BlobId blobId;

  public BlobNotFoundException(BlobId blobId, String message) {
    super(message);
    this.blobId = blobId;
  }

  public BlobId blobId() {
    return blobId;
  }
}
