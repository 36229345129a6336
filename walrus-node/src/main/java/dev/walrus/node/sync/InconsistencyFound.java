package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.InconsistencyProof;

/** Recovery proved a blob inconsistent; the proof goes to the invalidation flow. */
public final class InconsistencyFound extends RuntimeException {
  private final BlobId blobId;
  private final transient InconsistencyProof proof;

  public InconsistencyFound(BlobId blobId, InconsistencyProof proof, String message) {
    super(message, null, false, false);
    this.blobId = blobId;
    this.proof = proof;
  }

  public BlobId blobId() {
    return blobId;
  }

  public InconsistencyProof proof() {
    return proof;
  }
}
