package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A ledger {@code Blob} object: the registration of a blob ID, paid by the Storage it holds, with
 * Walrus's fields ({@code walrus list-blobs}, the {@code blobObject} of a store result) and the
 * blob's attributes.
 *
 * @param certifiedEpoch the epoch of the first certification; {@code null} while only registered
 * @param storage the Storage the blob occupies; its end epoch (exclusive) is the blob's
 * @param attributes key-value pairs set with {@code set-blob-attribute} (sorted; empty if none)
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
    SortedMap<String, String> attributes) {
  static final String LEDGER_TYPE = "BlobObject";
  static final String SHARED_LEDGER_TYPE = "SharedBlobObject";

  public BlobObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(encodingType, "encodingType");
    Objects.requireNonNull(storage, "storage");
    attributes = attributes == null ? new TreeMap<>() : new TreeMap<>(attributes);
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
    if (SHARED_LEDGER_TYPE.equals(view.type())) {
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
        s.attributes() == null ? null : new TreeMap<>(s.attributes()));
  }
}
