package dev.walrus.node.state;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.store.NodeStore.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the per-blob records ({@link ObjectRecord}, {@link InvalidRecord}) in the store. */
public final class BlobStates {
  private final NodeStore store;

  public BlobStates(NodeStore store) {
    this.store = store;
  }

  public BlobState get(BlobId blobId) {
    List<ObjectRecord> objects = new ArrayList<>();
    store.forEach(Table.OBJECT_INFO, blobId.bytes(), (k, v) -> {
      objects.add(ObjectRecord.fromBytes(k, v));
      return true;
    });
    Optional<InvalidRecord> invalid = store.get(Table.BLOB_INFO, blobId.bytes()).map(InvalidRecord::fromBytes);
    return new BlobState(blobId, objects, invalid);
  }

  public Optional<ObjectRecord> object(BlobId blobId, ObjectId objectId) {
    byte[] key = ObjectRecord.key(blobId, objectId);
    return store.get(Table.OBJECT_INFO, key).map(v -> ObjectRecord.fromBytes(key, v));
  }

  public static void put(Batch batch, ObjectRecord record) {
    batch.put(Table.OBJECT_INFO, record.key(), record.toBytes());
  }

  public static void remove(Batch batch, BlobId blobId, ObjectId objectId) {
    batch.delete(Table.OBJECT_INFO, ObjectRecord.key(blobId, objectId));
  }

  public static void markInvalid(Batch batch, BlobId blobId, InvalidRecord record) {
    batch.put(Table.BLOB_INFO, blobId.bytes(), record.toBytes());
  }

  /** Every blob ID with at least one object record, in byte order. */
  public List<BlobId> blobIds() {
    List<BlobId> ids = new ArrayList<>();
    forEachBlobId(ids::add);
    return ids;
  }

  /**
   * Calls {@code visitor} once per blob ID with object records, in byte order, until it returns
   * false; reads page by page, so the visitor may change records (changes may or may not be seen).
   */
  public void forEachBlobId(java.util.function.Predicate<BlobId> visitor) {
    BlobId[] last = {null};
    store.forEach(Table.OBJECT_INFO, new byte[0], (k, v) -> {
      BlobId id = BlobId.of(java.util.Arrays.copyOfRange(k, 0, 32));
      if (id.equals(last[0])) {
        return true;
      }
      last[0] = id;
      return visitor.test(id);
    });
  }
}
