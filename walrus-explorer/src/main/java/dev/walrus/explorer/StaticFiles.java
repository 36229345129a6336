package dev.walrus.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The explorer's few static files (a stylesheet, the live-events script), read once from the jar. */
final class StaticFiles {
  static final String PREFIX = "/static/";
  private static final Map<String, String> TYPES = Map.of(
      "explorer.css", "text/css; charset=utf-8",
      "events.js", "text/javascript; charset=utf-8");

  private final Map<String, byte[]> bodies;

  StaticFiles() {
    java.util.HashMap<String, byte[]> read = new java.util.HashMap<>();
    for (String name : TYPES.keySet()) {
      try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("the explorer's jar lacks " + name);
        }
        read.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    this.bodies = Map.copyOf(read);
  }

  void serve(String path, Response response, Callback callback) {
    String name = path.substring(PREFIX.length());
    byte[] body = bodies.get(name);
    if (body == null) {
      throw ExplorerException.notFound("The explorer has no file " + path + ".");
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(name));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=300");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
