package dev.walrus.ledger.client;

import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live feed of ledger events over Server-Sent Events ({@code GET /v1/events/stream}).
 *
 * <p>The cursor is the next event sequence number to deliver; it only moves forward after an event
 * was handed to the consumer. Any failure (replica down, connection cut, idle timeout) leads to a
 * reconnect from that cursor, to the next replica if the current one does not answer, with a
 * back-off of 100 ms doubling to 5 s. So each event is delivered exactly once and in order.
 */
public final class EventSubscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
  /**
   * The server sends a comment at least every 5 s; three missed in a row mean a dead connection (a
   * replica cut off by a partition sends no reset), and the feed moves to the next replica.
   */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Endpoints http;
  private final Consumer<EventEnvelope> onEvent;
  private final Thread thread;
  private volatile long cursor;
  private volatile boolean closed;
  private volatile Request current;
  private volatile RuntimeException failure;
  private volatile long reconnects;

  EventSubscription(Endpoints http, long cursor, Consumer<EventEnvelope> onEvent) {
    if (cursor < 0) {
      throw new IllegalArgumentException("cursor must not be negative");
    }
    this.http = http;
    this.cursor = cursor;
    this.onEvent = onEvent;
    this.thread = Thread.ofVirtual().name("ledger-events").start(this::run);
  }

  /** The sequence number of the next event to deliver. */
  public long cursor() {
    return cursor;
  }

  /** How many times the stream was re-established. */
  public long reconnects() {
    return reconnects;
  }

  /** Whether the subscription still delivers (not closed, consumer did not throw). */
  public boolean isRunning() {
    return !closed && failure == null;
  }

  /** The consumer's exception that ended the subscription, if any. */
  public RuntimeException failure() {
    return failure;
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    while (!closed) {
      List<URI> replicas = http.rotation();
      for (URI base : replicas) {
        if (closed) {
          return;
        }
        long before = cursor;
        try {
          stream(base);
        } catch (ConsumerFailed e) {
          failure = e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
          closed = true;
          return;
        } catch (Exception e) {
          if (!closed) {
            LOG.debug("event stream from {} ended at cursor {}: {}", base, cursor, Endpoints.describe(e));
          }
        }
        if (closed) {
          return;
        }
        reconnects++;
        if (cursor > before) {
          backoff = Duration.ofMillis(100);
          break;
        }
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  private void stream(URI base) throws Exception {
    long from = cursor;
    Request request = http.client().newRequest(base.resolve("/v1/events/stream?cursor=" + from))
        .headers(h -> h.put("Accept", "text/event-stream"))
        .idleTimeout(IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    InputStreamResponseListener listener = new InputStreamResponseListener();
    current = request;
    request.send(listener);
    Response response = listener.get(http.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (InputStream in = listener.getInputStream()) {
      if (response.getStatus() != 200) {
        throw Endpoints.error(base, response, in.readAllBytes());
      }
      http.answered(base);
      read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } finally {
      current = null;
    }
  }

  /** Parses the event stream: {@code id:}, {@code event:} and {@code data:} lines, blank line ends one. */
  private void read(BufferedReader reader) throws IOException {
    StringBuilder data = new StringBuilder();
    String line;
    while (!closed && (line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          deliver(data.toString());
          data.setLength(0);
        }
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
      }
      // "id:", "event:", "retry:" and comments carry nothing the JSON does not.
    }
  }

  private void deliver(String json) throws IOException {
    EventEnvelope e = LedgerJson.mapper().readValue(json, EventEnvelope.class);
    if (e.sequence() < cursor) {
      return;
    }
    if (e.sequence() > cursor) {
      throw new IOException("event stream skipped from " + cursor + " to " + e.sequence());
    }
    try {
      onEvent.accept(e);
    } catch (RuntimeException ex) {
      throw new ConsumerFailed(ex);
    }
    cursor = e.sequence() + 1;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops delivering; returns once the background thread has ended. */
  @Override
  public void close() {
    closed = true;
    Request r = current;
    if (r != null) {
      r.abort(new IOException("subscription closed"));
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The consumer threw: the subscription ends rather than skipping or repeating the event. */
  private static final class ConsumerFailed extends RuntimeException {
    ConsumerFailed(RuntimeException cause) {
      super(cause);
    }
  }
}
