package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.util.Objects;

/**
 * What {@link WalrusClient#store} did.
 *
 * @param outcome whether the blob was newly certified, already certified, or is marked invalid
 * @param blobId the blob's ID (derived from its content and the network's shard count)
 * @param objectId the ledger {@code Blob} object created by this store; {@code null} unless
 *     {@link Outcome#NEWLY_CREATED}
 * @param endEpoch the first epoch in which the blob is no longer stored; 0 for {@link
 *     Outcome#MARKED_INVALID}
 * @param deletable whether the blob can be deleted by its owner
 * @param unencodedSize the blob's length in bytes
 * @param encodedSize the billed (encoded) size: slivers and metadata on all shards
 * @param cost FROST paid: storage and write price at the time of the store plus transaction
 *     fees; 0 when nothing was stored
 */
public record StoreResult(
    Outcome outcome,
    BlobId blobId,
    ObjectId objectId,
    int endEpoch,
    boolean deletable,
    long unencodedSize,
    long encodedSize,
    long cost) {

  /** The three results of a store, as Walrus's {@code newlyCreated} / {@code alreadyCertified} / {@code markedInvalid}. */
  public enum Outcome {
    /** Registered, uploaded and certified by this call. */
    NEWLY_CREATED,
    /** A permanent, certified blob with at least the requested lifetime existed; nothing was uploaded or paid. */
    ALREADY_CERTIFIED,
    /** The network marked this blob ID invalid (inconsistently encoded); nothing was stored. */
    MARKED_INVALID
  }

  public StoreResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(blobId, "blobId");
  }

  public boolean isNewlyCreated() {
    return outcome == Outcome.NEWLY_CREATED;
  }

  public boolean isAlreadyCertified() {
    return outcome == Outcome.ALREADY_CERTIFIED;
  }
}
