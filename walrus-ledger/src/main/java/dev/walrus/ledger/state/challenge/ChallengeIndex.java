package dev.walrus.ledger.state.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.LedgerObject;
import dev.walrus.ledger.state.objects.SharedBlobObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which blobs can be challenged (spec/challenges.md §5.1), fed by the same events storage nodes
 * follow: a certification (or extension) records its object's end epoch, a deletion drops it, an
 * invalidation marks the blob ID for good; at each epoch change ended objects are dropped.
 * Burning a blob object changes nothing: nodes keep such data until it expires.
 */
final class ChallengeIndex {
  private final ChallengeTables t;

  ChallengeIndex(ChallengeTables t) {
    this.t = t;
  }

  void apply(LedgerEvent event) {
    switch (event) {
      case LedgerEvent.BlobCertified c -> {
        IndexEntry e = t.index.find(c.blobId())
            .orElse(new IndexEntry(sizeOf(c.objectId()), c.epoch(), new TreeMap<>(), false));
        t.index.put(c.blobId(), e.withEnd(c.objectId(), c.endEpoch(), c.epoch()));
      }
      case LedgerEvent.BlobDeleted d -> t.index.find(d.blobId()).ifPresent(e -> store(d.blobId(), e.without(d.objectId())));
      case LedgerEvent.InvalidBlobId i -> t.index.put(i.blobId(),
          t.index.find(i.blobId()).orElse(new IndexEntry(0, Integer.MAX_VALUE, new TreeMap<>(), false)).invalidated());
      default -> {}
    }
  }

  /** At the change to {@code epoch}: objects whose storage ended are gone. */
  void expire(int epoch) {
    for (var e : new TreeMap<>(t.index.view()).entrySet()) {
      IndexEntry after = e.getValue().expiredBy(epoch);
      if (!after.equals(e.getValue())) {
        store(e.getKey(), after);
      }
    }
  }

  /** The blobs eligible in {@code epoch}, ascending. */
  List<BlobId> eligible(int epoch) {
    List<BlobId> out = new ArrayList<>();
    t.index.view().forEach((id, e) -> {
      if (e.eligibleIn(epoch)) {
        out.add(id);
      }
    });
    return out;
  }

  private void store(BlobId id, IndexEntry e) {
    if (e.worthKeeping()) {
      t.index.put(id, e);
    } else {
      t.index.remove(id);
    }
  }

  private long sizeOf(ObjectId object) {
    LedgerObject o = t.ledger.objects().find(object);
    return switch (o) {
      case BlobObject b -> b.size();
      case SharedBlobObject s -> s.blob().size();
      case null, default -> 0;
    };
  }
}
