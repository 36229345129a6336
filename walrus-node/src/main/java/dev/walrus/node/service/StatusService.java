package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.DeletableCounts;
import dev.walrus.node.api.EventId;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.state.EventRef;
import dev.walrus.node.state.ObjectRecord;
import java.util.Comparator;
import java.util.Optional;

/**
 * A blob's status as this node sees it (protocol.md §4.3 and §5.7's derivation): invalid; else the
 * longest-lived certified permanent object; else the longest-lived registered permanent object;
 * else deletable objects; else nonexistent. Objects past their end epoch no longer count.
 */
public final class StatusService {
  private final NodeContext node;

  public StatusService(NodeContext node) {
    this.node = node;
  }

  public BlobStatus status(BlobId blobId) {
    return derive(node.blobs().get(blobId), node.epoch());
  }

  static BlobStatus derive(BlobState state, int epoch) {
    if (state.invalid().isPresent()) {
      return new BlobStatus.Invalid(eventId(state.invalid().get().event()));
    }
    int[] counts = state.deletableCounts(epoch);
    DeletableCounts deletable = new DeletableCounts(counts[0], counts[1]);
    Integer initial = state.initialCertifiedEpoch(epoch).orElse(null);
    Optional<ObjectRecord> certified = longestLived(state, epoch, true);
    if (certified.isPresent()) {
      ObjectRecord o = certified.get();
      return new BlobStatus.Permanent(o.endEpoch(), true, eventId(o.certifiedEvent().orElse(o.registeredEvent())),
          deletable, initial);
    }
    Optional<ObjectRecord> registered = longestLived(state, epoch, false);
    if (registered.isPresent()) {
      ObjectRecord o = registered.get();
      return new BlobStatus.Permanent(o.endEpoch(), false, eventId(o.registeredEvent()), deletable, initial);
    }
    if (counts[0] > 0) {
      return new BlobStatus.Deletable(initial, deletable);
    }
    return new BlobStatus.Nonexistent();
  }

  private static Optional<ObjectRecord> longestLived(BlobState state, int epoch, boolean certifiedOnly) {
    return state.objects().stream()
        .filter(o -> !o.deletable() && o.liveAt(epoch) && (!certifiedOnly || o.certified()))
        .max(Comparator.comparingInt(ObjectRecord::endEpoch));
  }

  static EventId eventId(EventRef ref) {
    return EventId.of(ref.txDigest(), ref.sequence());
  }
}
