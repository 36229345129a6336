package dev.walrus.explorer;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * How many blobs are stored and how many bytes they hold, counted from the event stream: the
 * ledger API has no such figure. A blob counts from its certification until it is deleted or its
 * end epoch passes. Its size comes from its registration event, so the tally holds one small
 * entry per blob object not yet expired or deleted — at most {@code maxTracked}; beyond that new
 * blobs are not counted and {@link Figures#complete} says so. Not thread-safe: the event feed
 * calls it under its lock.
 */
final class BlobTally {
  /** The figures at one moment; {@code complete} is false once the tracking bound was hit. */
  record Figures(long blobs, long bytes, long certifiedEver, boolean complete) {}

  private record Tracked(long size, int endEpoch, boolean certified) {}

  private final int maxTracked;
  private final Map<ObjectId, Tracked> tracked = new HashMap<>();
  private long storedBlobs;
  private long storedBytes;
  private long certifiedEver;
  private boolean overflowed;
  private int epoch;

  BlobTally(int maxTracked) {
    this.maxTracked = maxTracked;
  }

  void accept(LedgerEvent event) {
    switch (event) {
      case LedgerEvent.BlobRegistered r -> {
        if (tracked.size() < maxTracked) {
          tracked.put(r.objectId(), new Tracked(r.size(), r.endEpoch(), false));
        } else {
          overflowed = true;
        }
      }
      case LedgerEvent.BlobCertified c -> {
        Tracked t = tracked.get(c.objectId());
        if (t != null) {
          if (!t.certified()) {
            storedBlobs++;
            storedBytes += t.size();
          }
          tracked.put(c.objectId(), new Tracked(t.size(), c.endEpoch(), true));
        }
        if (!c.isExtension()) {
          certifiedEver++;
        }
      }
      case LedgerEvent.BlobDeleted d -> forget(tracked.remove(d.objectId()));
      case LedgerEvent.EpochChangeStart s -> expire(s.epoch());
      default -> { }
    }
  }

  /** Drops blobs whose end epoch is reached: they are no longer stored from {@code newEpoch} on. */
  private void expire(int newEpoch) {
    epoch = newEpoch;

    tracked.values().removeIf(t -> {
      if (t.endEpoch() > newEpoch) {
        return false;
      }
      forget(t);
      return true;
    });
  }

  private void forget(Tracked t) {
    if (t != null && t.certified()) {
      storedBlobs--;
      storedBytes -= t.size();
    }
  }

  /** The current epoch as the events last told it. */
  int epoch() {
    return epoch;
  }

  Figures figures() {
    return new Figures(storedBlobs, storedBytes, certifiedEver, !overflowed);
  }
}
