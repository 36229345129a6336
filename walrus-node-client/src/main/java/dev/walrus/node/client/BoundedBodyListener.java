package dev.walrus.node.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Collects a response body of at most {@code maxBytes} into one array, sized from {@code
 * Content-Length} when the node sends it, so a sliver is copied once. A body announced or found
 * to be larger aborts the exchange with {@link TooLargeException} before it is buffered.
 */
final class BoundedBodyListener implements Response.Listener {
  /** A complete answer. */
  record Reply(int status, byte[] body) {}

  /** The body exceeds the limit for this kind of request. */
  static final class TooLargeException extends RuntimeException {
    final int status;

    TooLargeException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private static final int INITIAL_CAPACITY = 4096;

  private final int maxBytes;
  private final CompletableFuture<Reply> result = new CompletableFuture<>();
  private byte[] buffer = new byte[0];
  private int size;

  BoundedBodyListener(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  CompletableFuture<Reply> result() {
    return result;
  }

  @Override
  public void onHeaders(Response response) {
    long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (length > maxBytes) {
      response.abort(new TooLargeException(response.getStatus(),
          "the response announces " + length + " bytes, more than the " + maxBytes + " allowed"));
    } else if (length >= 0) {
      buffer = new byte[(int) length];
    }
  }

  @Override
  public void onContent(Response response, ByteBuffer content) {
    int n = content.remaining();
    if ((long) size + n > maxBytes) {
      response.abort(new TooLargeException(response.getStatus(),
          "the response exceeds the " + maxBytes + " bytes allowed"));
      return;
    }
    if (size + n > buffer.length) {
      long grown = Math.max((long) buffer.length * 2, Math.max(size + n, INITIAL_CAPACITY));
      buffer = Arrays.copyOf(buffer, (int) Math.min(grown, maxBytes));
    }
    content.get(buffer, size, n);
    size += n;
  }

  @Override
  public void onComplete(Result r) {
    if (r.isFailed()) {
      result.completeExceptionally(r.getFailure());
    } else {
      byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
      result.complete(new Reply(r.getResponse().getStatus(), body));
    }
  }
}
