package dev.walrus.client;

import dev.walrus.core.BlobId;

/**
 * A store registered the blob but could not collect valid storage confirmations from nodes
 * holding a quorum of shards ({@code n − f}), even after retrying. The registration stays on the
 * ledger (and is paid for); storing the same data again uploads and certifies it anew.
 */
public final class NotEnoughConfirmationsException extends WalrusClientException {
  private final transient BlobId blobId;
  private final int confirmedWeight;
  private final int requiredWeight;

  public NotEnoughConfirmationsException(BlobId blobId, int confirmedWeight, int requiredWeight, String message) {
    super(message);
    this.blobId = blobId;
    this.confirmedWeight = confirmedWeight;
    this.requiredWeight = requiredWeight;
  }

  public BlobId blobId() {
    return blobId;
  }

  /** Shards whose nodes confirmed. */
  public int confirmedWeight() {
    return confirmedWeight;
  }

  /** Shards a certificate needs: {@code n − f}. */
  public int requiredWeight() {
    return requiredWeight;
  }
}
