package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A ledger {@code Blob} object: the registration of a blob ID, paid by the Storage it holds, with
 * Walrus's fields ({@code walrus list-blobs}, the {@code blobObject} of a store result) and the
 * blob's attributes (which aggregators serve as response headers). One type for every use, so a
 * Blob object read directly and one read through its shared blob look alike.
 *
 * @param id the Blob object itself (inside the shared blob, when read through one)
 * @param certifiedEpoch the epoch of the first certification; {@code null} while only registered
 * @param storage the Storage the blob occupies; its end epoch (exclusive) is the blob's
 * @param attributes key-value pairs set with {@code set-blob-attribute} (sorted, read-only; empty
 *     if none)
 * @param sharedBlobObject the shared blob object it was read through; {@code null} if it was read
 *     as an owned Blob object
 */
public record BlobObject(
    ObjectId id,
    int registeredEpoch,
    BlobId blobId,
    long size,
    EncodingType encodingType,
    Integer certifiedEpoch,
    StorageResource storage,
    boolean deletable,
    SortedMap<String, String> attributes,
    ObjectId sharedBlobObject) {
  static final String LEDGER_TYPE = "BlobObject";
  static final String SHARED_LEDGER_TYPE = "SharedBlobObject";

  public BlobObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(encodingType, "encodingType");
    Objects.requireNonNull(storage, "storage");
    attributes = Collections.unmodifiableSortedMap(attributes == null ? new TreeMap<>() : new TreeMap<>(attributes));
  }

  /** Whether {@code view} is a Blob object or a shared blob, the kinds {@link #fromLedger} reads. */
  public static boolean isBlobObject(ObjectView view) {
    return LEDGER_TYPE.equals(view.type()) || SHARED_LEDGER_TYPE.equals(view.type());
  }

  /** The object it was read as: the shared blob if it was read through one, else itself. */
  public ObjectId objectId() {
    return sharedBlobObject != null ? sharedBlobObject : id;
  }

  public boolean isShared() {
    return sharedBlobObject != null;
  }

  public boolean isCertified() {
    return certifiedEpoch != null;
  }

  /** The first epoch in which the blob is no longer stored. */
  public int endEpoch() {
    return storage.endEpoch();
  }

  /** The ledger's own JSON of a Blob object. */
  private record Stored(ObjectId id, int registeredEpoch, BlobId blobId, long size, int encodingType,
      Integer certifiedEpoch, JsonNode storage, boolean deletable, Map<String, String> attributes) {}

  /**
   * A Blob object the ledger returned; for a shared blob object, the blob it wraps (whose ID is
   * the Blob object's, not the shared object's).
   */
  public static BlobObject fromLedger(ObjectView view) {
    JsonNode fields = view.fields();
    boolean shared = SHARED_LEDGER_TYPE.equals(view.type());
    if (shared) {
      fields = fields == null ? null : fields.get("blob");
    } else if (!LEDGER_TYPE.equals(view.type())) {
      throw new WalrusClientException("object " + view.id() + " is a " + view.type() + ", not a Blob object");
    }
    Stored s;
    try {
      s = fields == null ? null : LedgerJson.mapper().treeToValue(fields, Stored.class);
    } catch (JacksonException e) {
      throw new WalrusClientException(
          "the ledger's Blob object " + view.id() + " is malformed: " + e.getOriginalMessage());
    }
    if (s == null || s.id() == null || s.blobId() == null || s.storage() == null) {
      throw new WalrusClientException("the ledger's Blob object " + view.id() + " lacks its ID, blob ID or storage");
    }
    EncodingType encoding;
    try {
      encoding = EncodingType.fromValue(s.encodingType());
    } catch (RuntimeException e) {
      throw new WalrusClientException("Blob object " + view.id() + " has an unknown encoding: " + e.getMessage());
    }
    return new BlobObject(s.id(), s.registeredEpoch(), s.blobId(), s.size(), encoding, s.certifiedEpoch(),
        StorageResource.fromFields(s.storage(), view.id()), s.deletable(),
        s.attributes() == null ? null : new TreeMap<>(s.attributes()), shared ? view.id() : null);
  }
}
