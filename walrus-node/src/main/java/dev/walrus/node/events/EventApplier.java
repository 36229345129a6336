package dev.walrus.node.events;

import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.state.BlobStates;
import dev.walrus.node.state.EventRef;
import dev.walrus.node.state.InvalidRecord;
import dev.walrus.node.state.ObjectRecord;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.store.NodeStore.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Applies one ledger event to the node's records. The record changes, the work the event causes
 * (a blob to sync, data to drop) and the advanced cursor are written in ONE atomic batch, so after
 * a crash each event has either fully happened or not at all, and replaying from the stored
 * cursor applies it exactly once in effect. What must happen after the commit (waking waiters,
 * starting background work) is returned to the caller as {@link Effects}.
 */
public final class EventApplier {
  static final byte[] CURSOR_KEY = "cursor".getBytes(StandardCharsets.UTF_8);
  static final byte[] EPOCH_KEY = "event-epoch".getBytes(StandardCharsets.UTF_8);

  private final NodeStore store;
  private final BlobStates blobs;

  public EventApplier(NodeStore store, BlobStates blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  /** What the node must do once an event is committed. */
  public record Effects(
      Optional<BlobId> registered,
      Optional<BlobId> toSync,
      Optional<BlobId> dropped,
      Optional<Integer> epochChangeStart,
      Optional<Integer> epochChangeDone) {

    static Effects none() {
      return new Effects(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** The sequence number of the next event to apply. */
  public long cursor() {
    return store.get(Table.NODE_STATE, CURSOR_KEY).map(v -> ByteBuffer.wrap(v).getLong()).orElse(0L);
  }

  /** The latest epoch whose {@code EpochChangeStart} was applied (0 before any). */
  public int eventEpoch() {
    return store.get(Table.NODE_STATE, EPOCH_KEY).map(v -> ByteBuffer.wrap(v).getInt()).orElse(0);
  }

  /**
   * Applies {@code envelope}, which must be the event at {@link #cursor()}; events before the
   * cursor are ignored (already applied).
   */
  public synchronized Effects apply(EventEnvelope envelope) {
    long cursor = cursor();
    if (envelope.sequence() < cursor) {
      return Effects.none();
    }
    if (envelope.sequence() > cursor) {
      throw new IllegalStateException("event " + envelope.sequence() + " arrived while expecting " + cursor);
    }
    EventRef ref = new EventRef(envelope.txDigest(), envelope.sequence());
    Effects effects = Effects.none();
    try (Batch batch = store.batch()) {
      switch (envelope.event()) {
        case LedgerEvent.BlobRegistered r -> {
          BlobStates.put(batch, new ObjectRecord(r.blobId(), r.objectId(), r.epoch(), r.endEpoch(), r.deletable(), -1, ref,
              Optional.empty()));
          effects = new Effects(Optional.of(r.blobId()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        case LedgerEvent.BlobCertified c -> {
          ObjectRecord record = blobs.object(c.blobId(), c.objectId())
              .orElse(new ObjectRecord(c.blobId(), c.objectId(), c.epoch(), c.endEpoch(), c.deletable(), -1, ref, Optional.empty()));
          BlobStates.put(batch, record.certify(c.epoch(), c.endEpoch(), ref));
          if (!blobs.get(c.blobId()).isInvalid()) {
            batch.put(Table.PENDING_SYNC, c.blobId().bytes(), longBytes(envelope.sequence()));
            effects = new Effects(Optional.of(c.blobId()), Optional.of(c.blobId()), Optional.empty(), Optional.empty(), Optional.empty());
          }
        }
        case LedgerEvent.BlobDeleted d -> {
          BlobStates.remove(batch, d.blobId(), d.objectId());
          BlobState before = blobs.get(d.blobId());
          int epoch = Math.max(d.epoch(), eventEpoch());
          boolean othersLive = before.objects().stream()
              .anyMatch(o -> !o.objectId().equals(d.objectId()) && o.liveAt(epoch));
          if (!othersLive) {
            batch.deleteBlobEverywhere(d.blobId());
            batch.delete(Table.PENDING_SYNC, d.blobId().bytes());
            effects = new Effects(Optional.empty(), Optional.empty(), Optional.of(d.blobId()), Optional.empty(), Optional.empty());
          }
        }
        case LedgerEvent.InvalidBlobId i -> {
          BlobStates.markInvalid(batch, i.blobId(), new InvalidRecord(i.epoch(), ref));
          batch.deleteBlobEverywhere(i.blobId());
          batch.delete(Table.PENDING_SYNC, i.blobId().bytes());
          effects = new Effects(Optional.of(i.blobId()), Optional.empty(), Optional.of(i.blobId()), Optional.empty(), Optional.empty());
        }
        case LedgerEvent.EpochChangeStart s -> {
          batch.put(Table.NODE_STATE, EPOCH_KEY, ByteBuffer.allocate(4).putInt(s.epoch()).array());
          effects = new Effects(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(s.epoch()), Optional.empty());
        }
        case LedgerEvent.EpochChangeDone d ->
            effects = new Effects(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(d.epoch()));
        default -> {
          // Staking, pricing and the other events change nothing a storage node keeps.
        }
      }
      batch.put(Table.NODE_STATE, CURSOR_KEY, longBytes(envelope.sequence() + 1));
      batch.commit();
    }
    return effects;
  }

  /**
   * Garbage-collects one blob as of {@code epoch} (protocol.md §5.6): removes the records of its
   * objects whose storage has ended and, when no live object is left (or the blob is invalid),
   * its metadata, slivers and pending recovery. Holds the same lock as {@link #apply}, so a
   * registration applied meanwhile is never undone.
   *
   * @return whether the blob's data was dropped
   */
  public synchronized boolean collect(BlobId blobId, int epoch) {
    BlobState state = blobs.get(blobId);
    List<ObjectRecord> expired = state.objects().stream().filter(o -> !o.liveAt(epoch)).toList();
    boolean keepData = !state.isInvalid() && expired.size() < state.objects().size();
    boolean dataLeft = store.hasMetadata(blobId) || store.get(Table.PENDING_SYNC, blobId.bytes()).isPresent();
    if (expired.isEmpty() && (keepData || !dataLeft)) {
      return false;
    }
    try (Batch batch = store.batch()) {
      expired.forEach(o -> BlobStates.remove(batch, blobId, o.objectId()));
      if (!keepData) {
        batch.deleteBlobEverywhere(blobId);
        batch.delete(Table.PENDING_SYNC, blobId.bytes());
      }
      batch.commit();
    }
    return !keepData && dataLeft;
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }
}
