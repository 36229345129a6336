package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.node.api.EventId;
import java.util.Objects;

/**
 * What {@link WalrusClient#store} did, with everything Walrus's {@code BlobStoreResult} reports
 * ({@link BlobStoreResultJson} writes it in Walrus's JSON).
 *
 * @param outcome newly certified, already certified, marked invalid, or (only from {@link
 *     WalrusClient#storeFiles}) failed
 * @param blobId the blob's ID (derived from its content and the network's shard count); {@code
 *     null} only for an {@link Outcome#ERROR} that happened before encoding
 * @param objectId the ledger {@code Blob} object: the one this store certified or extended, or
 *     for {@link Outcome#ALREADY_CERTIFIED} the wallet's own certified object if that was the
 *     reason (else {@code null}, the status event vouches)
 * @param endEpoch the first epoch in which the blob is no longer stored; 0 when not stored
 * @param deletable whether the blob can be deleted by its owner
 * @param unencodedSize the blob's length in bytes
 * @param encodedSize the billed (encoded) size: slivers and metadata on all shards
 * @param cost FROST paid for storage and writes at the prices of the time of the store, excluding
 *     transaction fees (Walrus's "cost, excluding gas"); 0 when nothing was bought
 * @param fees FROST paid in transaction fees
 * @param blobObject {@link Outcome#NEWLY_CREATED}: the Blob object as the ledger holds it after
 *     the store
 * @param resourceOperation {@link Outcome#NEWLY_CREATED}: how the registration was obtained
 * @param event {@link Outcome#ALREADY_CERTIFIED} without {@code objectId}: the certification
 *     event of the permanent blob; {@link Outcome#MARKED_INVALID}: the invalidation event
 * @param sharedBlobObject the shared blob object wrapping the new blob, if it was shared
 * @param failure {@link Outcome#ERROR}: in which phase and why the store failed
 */
public record StoreResult(
    Outcome outcome,
    BlobId blobId,
    ObjectId objectId,
    int endEpoch,
    boolean deletable,
    long unencodedSize,
    long encodedSize,
    long cost,
    long fees,
    BlobObject blobObject,
    ResourceOperation resourceOperation,
    EventId event,
    ObjectId sharedBlobObject,
    Failure failure) {

  /** Walrus's {@code newlyCreated} / {@code alreadyCertified} / {@code markedInvalid} / {@code error}. */
  public enum Outcome {
    /** Registered (or extended), uploaded and certified by this call. */
    NEWLY_CREATED,
    /** A certified blob with at least the requested lifetime existed; nothing was uploaded or paid. */
    ALREADY_CERTIFIED,
    /** The network marked this blob ID invalid (inconsistently encoded); nothing was stored. */
    MARKED_INVALID,
    /** One blob of a multi-blob store failed; {@link #failure()} says where. */
    ERROR
  }

  /**
   * Why a blob of a multi-blob store failed.
   *
   * @param phase {@code read}, {@code encode}, {@code status}, {@code register}, {@code upload},
   *     {@code certify}, {@code extend} or {@code share}
   */
  public record Failure(String phase, String message) {}

  public StoreResult {
    Objects.requireNonNull(outcome, "outcome");
    if (blobId == null && outcome != Outcome.ERROR) {
      throw new NullPointerException("blobId");
    }
    if (outcome == Outcome.NEWLY_CREATED && (blobObject == null || resourceOperation == null)) {
      throw new IllegalArgumentException("a newly created blob has a Blob object and a resource operation");
    }
    if (outcome == Outcome.ERROR && failure == null) {
      throw new IllegalArgumentException("a failed store has a failure");
    }
  }

  static StoreResult newlyCreated(BlobObject blob, ResourceOperation operation, long cost, long fees,
      ObjectId sharedBlobObject) {
    return new StoreResult(Outcome.NEWLY_CREATED, blob.blobId(), blob.id(), blob.endEpoch(), blob.deletable(),
        blob.size(), operation.encodedLength(), cost, fees, blob, operation, null, sharedBlobObject, null);
  }

  /** Already certified, as the committee's status (a permanent blob's certification event) says. */
  static StoreResult alreadyCertified(BlobId blobId, EventId event, int endEpoch, long size, long encodedSize) {
    return new StoreResult(Outcome.ALREADY_CERTIFIED, blobId, null, endEpoch, false, size, encodedSize, 0, 0, null,
        null, event, null, null);
  }

  /** Already certified in a Blob object the wallet owns. */
  static StoreResult alreadyCertified(BlobObject owned, long encodedSize) {
    return new StoreResult(Outcome.ALREADY_CERTIFIED, owned.blobId(), owned.id(), owned.endEpoch(), owned.deletable(),
        owned.size(), encodedSize, 0, 0, null, null, null, null, null);
  }

  static StoreResult markedInvalid(BlobId blobId, EventId event, long size, long encodedSize) {
    return new StoreResult(Outcome.MARKED_INVALID, blobId, null, 0, false, size, encodedSize, 0, 0, null, null,
        event, null, null);
  }

  static StoreResult failed(BlobId blobId, String phase, String message, long size) {
    return new StoreResult(Outcome.ERROR, blobId, null, 0, false, size, 0, 0, 0, null, null, null, null,
        new Failure(phase, message));
  }

  public boolean isNewlyCreated() {
    return outcome == Outcome.NEWLY_CREATED;
  }

  public boolean isAlreadyCertified() {
    return outcome == Outcome.ALREADY_CERTIFIED;
  }
}
