package dev.walrus.explorer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.walrus.ledger.api.ErrorResponse;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A ledger API that answers from canned objects: each path gets the JSON of the object put for
 * it, or the ledger's 404 error; the event stream sends the events added so far and stays open.
 * Enough to drive the explorer's pages without a replica.
 */
final class FakeLedger implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Object> answers = new ConcurrentHashMap<>();
  private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

  FakeLedger() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::answer);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code GET path} with {@code body} as JSON. */
  void put(String path, Object body) {
    answers.put(path, body);
  }

  void event(EventEnvelope e) {
    events.add(e);
  }

  private void answer(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    if (path.equals("/v1/events/stream")) {
      stream(x);
      return;
    }
    Object body = answers.get(path);
    if (body == null) {
      send(x, 404, ErrorResponse.of(404, "NOT_FOUND", "OBJECT_NOT_FOUND", path + " does not exist", Map.of()));
    } else {
      send(x, 200, body);
    }
  }

  private static void send(HttpExchange x, int status, Object body) throws IOException {
    byte[] bytes = LedgerJson.mapper().writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void stream(HttpExchange x) throws IOException {
    long cursor = Long.parseLong(x.getRequestURI().getQuery().replace("cursor=", ""));
    x.getResponseHeaders().set("Content-Type", "text/event-stream");
    x.sendResponseHeaders(200, 0);
    try (OutputStream out = x.getResponseBody()) {
      for (long sent = cursor; ; ) {
        while (sent < events.size()) {
          EventEnvelope e = events.get((int) sent++);
          out.write(("id: " + e.sequence() + "\ndata: " + LedgerJson.mapper().writeValueAsString(e) + "\n\n")
              .getBytes(StandardCharsets.UTF_8));
        }
        out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
