package dev.walrus.node.state;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the node knows about one blob ID: its Blob objects and whether it was invalidated.
 * Derived views (registered, certified, status) are computed at a given epoch instead of kept as
 * counters, so expiry needs no bookkeeping: an object whose end epoch has passed simply stops
 * counting.
 */
public record BlobState(BlobId blobId, List<ObjectRecord> objects, Optional<InvalidRecord> invalid) {

  public BlobState {
    objects = List.copyOf(objects);
  }

  public boolean isInvalid() {
    return invalid.isPresent();
  }

  /** Some live object exists: uploads are accepted and data is served. */
  public boolean registeredAt(int epoch) {
    return !isInvalid() && objects.stream().anyMatch(o -> o.liveAt(epoch));
  }

  /** Some live object is certified: the node must hold (and if needed recover) its slivers. */
  public boolean certifiedAt(int epoch) {
    return !isInvalid() && objects.stream().anyMatch(o -> o.certified() && o.liveAt(epoch));
  }

  public boolean permanentRegisteredAt(int epoch) {
    return !isInvalid() && objects.stream().anyMatch(o -> !o.deletable() && o.liveAt(epoch));
  }

  /** The object is a live, deletable Blob of this blob ID (deletable confirmations name it). */
  public boolean liveDeletableObject(ObjectId objectId, int epoch) {
    return !isInvalid()
        && objects.stream().anyMatch(o -> o.objectId().equals(objectId) && o.deletable() && o.liveAt(epoch));
  }

  /** The earliest epoch in which a still-live object was certified. */
  public Optional<Integer> initialCertifiedEpoch(int epoch) {
    return objects.stream()
        .filter(o -> o.certified() && o.liveAt(epoch))
        .map(ObjectRecord::certifiedEpoch)
        .min(Comparator.naturalOrder());
  }

  /** The latest end epoch over live objects; 0 if none. */
  public int latestEndEpoch(int epoch) {
    return objects.stream().filter(o -> o.liveAt(epoch)).mapToInt(ObjectRecord::endEpoch).max().orElse(0);
  }

  public Optional<ObjectRecord> object(ObjectId objectId) {
    return objects.stream().filter(o -> o.objectId().equals(objectId)).findFirst();
  }

  /** Deletable objects live at {@code epoch}: all of them, and the certified ones. */
  public int[] deletableCounts(int epoch) {
    int total = 0;
    int certified = 0;
    for (ObjectRecord o : objects) {
      if (o.deletable() && o.liveAt(epoch)) {
        total++;
        if (o.certified()) {
          certified++;
        }
      }
    }
    return new int[] {total, certified};
  }
}
