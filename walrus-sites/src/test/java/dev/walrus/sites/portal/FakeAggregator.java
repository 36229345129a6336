package dev.walrus.sites.portal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An aggregator for tests: serves bytes by request path, counts requests, fails on demand. */
final class FakeAggregator implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, String> ranges = new ConcurrentHashMap<>();
  private volatile int status = 0;

  FakeAggregator() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getRawPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null) {
        ranges.put(path, range);
      }
      Deque<Integer> fail = failures.get(path);
      Integer failWith = fail == null ? null : fail.pollFirst();
      byte[] body = bodies.get(path);
      int code = failWith != null ? failWith : status != 0 ? status : body == null ? 404 : 200;
      if (code != 200) {
        ex.sendResponseHeaders(code, -1);
        ex.close();
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void put(String path, byte[] body) {
    bodies.put(path, body);
  }

  /** The next requests for {@code path} get these statuses, in order, before its real answer. */
  void failNext(String path, Integer... statuses) {
    failures.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(java.util.List.of(statuses));
  }

  /** Every request gets {@code code} (0: answer normally). */
  void answerAll(int code) {
    status = code;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  int totalHits() {
    return hits.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  String lastRange(String path) {
    return ranges.get(path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
