package dev.walrus.explorer;

import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.client.EventSubscription;
import dev.walrus.ledger.client.LedgerClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The explorer's one subscription to the ledger's event stream, from the first event on: it keeps
 * the latest {@code recentCapacity} events for the events page and its live feed, and the figures
 * no ledger endpoint offers (blobs stored, per-epoch history). Readers wait on it for new events
 * instead of each opening a stream to the ledger.
 */
final class EventFeed implements AutoCloseable {
  /** What the network page shows from the events; {@code nextSequence} is how far the feed got. */
  record Snapshot(long nextSequence, BlobTally.Figures blobs, long burned, List<EpochHistory.Epoch> history) {}

  private final int recentCapacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<EventRow> recent;
  private final BlobTally tally;
  private final EpochHistory history;
  private long nextSequence;
  private boolean closed;
  private EventSubscription subscription;

  EventFeed(int recentCapacity, int maxTrackedBlobs, int historyEpochs) {
    this.recentCapacity = recentCapacity;
    this.recent = new ArrayDeque<>(recentCapacity);
    this.tally = new BlobTally(maxTrackedBlobs);
    this.history = new EpochHistory(historyEpochs);
  }

  /** Follows {@code ledger}'s events from the first one; the subscription reconnects by itself. */
  void start(LedgerClient ledger) {
    subscription = ledger.subscribe(0, this::accept);
  }

  void accept(EventEnvelope e) {
    EventRow row = EventRow.of(e);
    lock.lock();
    try {
      tally.accept(e.event());
      history.accept(e.event());
      if (recent.size() == recentCapacity) {
        recent.removeFirst();
      }
      recent.addLast(row);
      nextSequence = e.sequence() + 1;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Up to {@code limit} of the latest events of {@code type} (null: any), newest first. */
  List<EventRow> latest(String type, int limit) {
    lock.lock();
    try {
      List<EventRow> out = new ArrayList<>(Math.min(limit, recent.size()));
      for (Iterator<EventRow> it = recent.descendingIterator(); it.hasNext() && out.size() < limit; ) {
        EventRow r = it.next();
        if (type == null || type.equals(r.type())) {
          out.add(r);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The kept events after sequence {@code after} of {@code type} (null: any), oldest first, at most
   * {@code limit}; waits up to {@code wait} when there is none yet. Empty on timeout.
   */
  List<EventRow> after(long after, String type, int limit, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    lock.lock();
    try {
      while (!closed) {
        List<EventRow> out = new ArrayList<>();
        if (nextSequence - 1 > after) {
          for (EventRow r : recent) {
            if (r.sequence() > after && (type == null || type.equals(r.type())) && out.size() < limit) {
              out.add(r);
            }
          }
          if (!out.isEmpty()) {
            return out;
          }
          after = nextSequence - 1;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return out;
        }
        arrived.await(left, TimeUnit.NANOSECONDS);
      }
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  /** The sequence number the next event will have, as far as the feed got. */
  long nextSequence() {
    lock.lock();
    try {
      return nextSequence;
    } finally {
      lock.unlock();
    }
  }

  Snapshot snapshot() {
    lock.lock();
    try {
      return new Snapshot(nextSequence, tally.figures(), history.burnedTotal(), history.epochs());
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Stops following the ledger and wakes every reader, who then sees {@link #isClosed}. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
    if (subscription != null) {
      subscription.close();
    }
  }
}
