package dev.walrus.ledger.server;

import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.replication.EventLog;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /v1/events/stream}: events as Server-Sent Events, from a cursor on, for as long as the
 * client listens. Each event's SSE {@code id} is its sequence number, so a reconnecting client
 * (with {@code Last-Event-ID}, or {@code ?cursor=} one past the last event it saw) misses nothing
 * and sees nothing twice. A comment line is sent after 5 s without events so that dead
 * connections are noticed.
 */
final class EventStreams {
  static final long HEARTBEAT_MS = 5_000;
  /** How long a cursor beyond this replica's last event may wait for it to catch up. */
  static final long CATCH_UP_MS = 10_000;
  private static final int BATCH = 256;

  private final LedgerBackend backend;
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean stopping;

  EventStreams(LedgerBackend backend) {
    this.backend = backend;
  }

  int openStreams() {
    return open.get();
  }

  void stop() {
    stopping = true;
  }

  /**
   * Waits (up to {@code waitMs}) for a replica that is behind to reach {@code cursor}; a cursor
   * still beyond its events is an error: it was never handed out by this network.
   */
  void awaitHead(EventLog log, long cursor, long waitMs) throws InterruptedException {
    if (cursor > log.next() && !log.await(cursor - 1, waitMs) && cursor > log.next()) {
      throw ApiException.invalid("CURSOR_BEYOND_HEAD",
          "cursor " + cursor + " is beyond the last event of this replica (the next event is " + log.next() + ")");
    }
  }

  void stream(Exchange x) throws Exception {
    long cursor = cursorOf(x);
    awaitHead(backend.events(), cursor, CATCH_UP_MS);
    x.startStream("text/event-stream");
    open.incrementAndGet();
    try {
      x.write(": walrus ledger events from " + cursor + "\nretry: 1000\n\n");
      long lastWrite = System.currentTimeMillis();
      while (!stopping) {
        EventLog log = backend.events();
        List<EventEnvelope> batch = log.isClosed() ? List.of() : log.read(cursor, BATCH);
        if (batch.isEmpty()) {
          if (log.isClosed()) {
            Thread.sleep(100);
          } else {
            log.await(cursor, 1_000);
          }
          if (System.currentTimeMillis() - lastWrite >= HEARTBEAT_MS) {
            x.write(": keep-alive\n\n");
            lastWrite = System.currentTimeMillis();
          }
          continue;
        }
        StringBuilder sb = new StringBuilder(batch.size() * 320);
        for (EventEnvelope e : batch) {
          sb.append("id: ").append(e.sequence()).append('\n')
              .append("event: ").append(e.event().getClass().getSimpleName()).append('\n')
              .append("data: ").append(LedgerJson.mapper().writeValueAsString(e)).append("\n\n");
        }
        x.write(sb.toString());
        lastWrite = System.currentTimeMillis();
        cursor = batch.get(batch.size() - 1).sequence() + 1;
      }
      x.endStream();
    } catch (IOException e) {
      // The client went away: nothing to answer.
      x.fail(e);
    } finally {
      open.decrementAndGet();
    }
  }

  /** {@code Last-Event-ID} (the last event the client has) wins over {@code ?cursor=}. */
  private static long cursorOf(Exchange x) {
    String last = x.header("Last-Event-ID");
    if (last != null && !last.isBlank()) {
      try {
        long id = Long.parseLong(last.trim());
        if (id >= 0 && id < Long.MAX_VALUE) {
          return id + 1;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw ApiException.invalid("INVALID_LAST_EVENT_ID", "Last-Event-ID '" + last + "' is not an event sequence number");
    }
    return x.longQuery("cursor", 0, 0, Long.MAX_VALUE);
  }
}
