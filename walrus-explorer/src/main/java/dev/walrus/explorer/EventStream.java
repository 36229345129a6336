package dev.walrus.explorer;

import dev.walrus.ledger.api.LedgerJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /events/stream?after=N&type=T}: the live events as Server-Sent Events, fed from the
 * explorer's one subscription (browsers never reach the ledger). A stream ends after {@link
 * #MAX_LIFETIME}; the browser's EventSource reconnects with {@code Last-Event-ID} and misses
 * nothing the explorer still keeps. At most {@code maxStreams} are open at once.
 */
final class EventStream {
  static final String PATH = "/events/stream";
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final EventFeed feed;
  private final Semaphore streams;

  EventStream(EventFeed feed, int maxStreams) {
    this.feed = feed;
    this.streams = new Semaphore(maxStreams);
  }

  void serve(Request request, Response response, Callback callback, Fields query) throws Exception {
    String type = EventsPage.type(query.getValue("type"));
    long after = after(request.getHeaders().get("Last-Event-ID"), query.getValue("after"));
    if (!streams.tryAcquire()) {
      throw new ExplorerException(503, "Too many live feeds", "The explorer serves as many live event feeds as it can.");
    }
    try {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      long end = System.nanoTime() + MAX_LIFETIME.toNanos();
      send(response, "retry: 2000\n\n");
      while (System.nanoTime() < end && !feed.isClosed()) {
        List<EventRow> rows = feed.after(after, type, 100, HEARTBEAT);
        StringBuilder chunk = new StringBuilder();
        for (EventRow r : rows) {
          chunk.append("id: ").append(r.sequence()).append("\nevent: ledger\ndata: ")
              .append(LedgerJson.mapper().writeValueAsString(r)).append("\n\n");
          after = r.sequence();
        }
        send(response, rows.isEmpty() ? ": still here\n\n" : chunk.toString());
      }
      response.write(true, ByteBuffer.allocate(0), callback);
    } catch (Exception e) {
      callback.failed(e);
    } finally {
      streams.release();
    }
  }

  /** Where to resume: after the browser's last event, else {@code ?after=}, else from now. */
  private long after(String lastEventId, String afterParam) {
    String text = lastEventId != null ? lastEventId : afterParam;
    if (text == null || text.isBlank()) {
      return feed.nextSequence() - 1;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw ExplorerException.badRequest("'" + text + "' is not an event sequence number.");
    }
  }

  /** Writes and waits: a reader that stops reading ends its stream instead of holding a buffer. */
  private static void send(Response response, String text) throws Exception {
    Callback.Completable done = new Callback.Completable();
    response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
    done.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
