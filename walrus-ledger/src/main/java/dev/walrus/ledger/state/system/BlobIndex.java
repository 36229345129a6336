package dev.walrus.ledger.state.system;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.LedgerStore;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every live {@code Blob} and {@code SharedBlob} object by blob ID. Walrus does not keep one (any
 * number of objects may carry the same blob ID); storage nodes and the HTTP API need it to answer
 * "which objects certify this blob". It is a state table, so replicas and snapshots agree on it.
 */
final class BlobIndex {
  private final JournaledMap<BlobIndexKey, BlobHolding> entries;

  BlobIndex(LedgerStore store) {
    this.entries = store.map("system.blobs_by_id", BlobIndexKey.class, BlobHolding.class);
  }

  void add(BlobId blobId, ObjectId objectId, BlobHolding holding) {
    entries.put(new BlobIndexKey(blobId, objectId), holding);
  }

  void remove(BlobId blobId, ObjectId objectId) {
    entries.remove(new BlobIndexKey(blobId, objectId));
  }

  /** The objects carrying {@code blobId}, in object-ID order. */
  SortedMap<ObjectId, BlobHolding> find(BlobId blobId) {
    TreeMap<ObjectId, BlobHolding> out = new TreeMap<>();
    for (Map.Entry<BlobIndexKey, BlobHolding> e : entries.view().tailMap(BlobIndexKey.first(blobId)).entrySet()) {
      if (!e.getKey().blobId().equals(blobId)) {
        break;
      }
      out.put(e.getKey().objectId(), e.getValue());
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
