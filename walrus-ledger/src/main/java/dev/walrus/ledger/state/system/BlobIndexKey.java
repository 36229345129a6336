package dev.walrus.ledger.state.system;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;

/**
 * Key of the blob index: a blob ID and one object carrying it. Ordered by blob ID first, so all
 * objects of one blob ID are adjacent and found with one range scan.
 */
public record BlobIndexKey(BlobId blobId, ObjectId objectId) implements Comparable<BlobIndexKey> {
  private static final ObjectId LOWEST = ObjectId.of(new byte[ObjectId.LENGTH]);

  /** The smallest key of {@code blobId}: where a range scan for it starts. */
  static BlobIndexKey first(BlobId blobId) {
    return new BlobIndexKey(blobId, LOWEST);
  }

  @Override
  public int compareTo(BlobIndexKey o) {
    int c = blobId.compareTo(o.blobId);
    return c != 0 ? c : objectId.compareTo(o.objectId);
  }
}
