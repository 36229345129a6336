package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Blob object on the ledger, as a read by object ID needs it: which blob it registers, for how
 * long, and its attributes (served by aggregators as response headers).
 *
 * @param objectId the object asked for: the Blob, or the shared blob wrapping it
 * @param blobObjectId the Blob object itself (equal to {@code objectId} unless shared)
 * @param shared whether {@code objectId} is a shared blob
 * @param blobId the blob it registers
 * @param size the blob's unencoded length
 * @param registeredEpoch the epoch it was registered in
 * @param certifiedEpoch the epoch it was certified in; {@code null} if not certified
 * @param storage the storage it occupies
 * @param deletable whether its owner may delete it
 * @param attributes its attributes, sorted by key
 */
public record BlobObjectInfo(
    ObjectId objectId,
    ObjectId blobObjectId,
    boolean shared,
    BlobId blobId,
    long size,
    int registeredEpoch,
    Integer certifiedEpoch,
    Storage storage,
    boolean deletable,
    SortedMap<String, String> attributes) {

  /** The Storage resource inside a Blob object; {@code endEpoch} is exclusive. */
  public record Storage(ObjectId id, int startEpoch, int endEpoch, long size) {}

  public BlobObjectInfo {
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(blobId, "blobId");
    attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
  }

  public boolean isCertified() {
    return certifiedEpoch != null;
  }
}
