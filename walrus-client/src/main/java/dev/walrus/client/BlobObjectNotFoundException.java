package dev.walrus.client;

import dev.walrus.core.ObjectId;

/** The ledger has no Blob (or shared Blob) object with this ID: it never existed, was deleted or burnt. */
public final class BlobObjectNotFoundException extends WalrusClientException {
  private final transient ObjectId objectId;

  public BlobObjectNotFoundException(ObjectId objectId, String message) {
    super(message);
    this.objectId = objectId;
  }

  public ObjectId objectId() {
    return objectId;
  }
}
