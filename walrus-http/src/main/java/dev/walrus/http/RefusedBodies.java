package dev.walrus.http;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is left of a refused request's body. Read when small, so that a client still sending it
 * (a short upload, a form) gets the error answer instead of a reset: over HTTP/1.1 an unread body
 * closes the connection, and over HTTP/2 the stream is reset with CANCEL, which clients such as
 * the JDK's report as a failure instead of the answer. A large remainder is not read (that would
 * invite the whole body); the client sees the reset then.
 */
public final class RefusedBodies {
  /** The most read of a refused body. */
  public static final long DISCARD_LIMIT = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(RefusedBodies.class);

  private RefusedBodies() {}

  public static void discardSmallRest(Request request) {
    // A client waiting for 100-continue has sent nothing (reading would invite the body), and a
    // declared length beyond the limit would be read in vain.
    if (request == null || request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")
        || request.getLength() > DISCARD_LIMIT) {
      return;
    }
    byte[] buf = new byte[8192];
    long left = DISCARD_LIMIT;
    try {
      InputStream in = Content.Source.asInputStream(request);
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("the rest of a refused request could not be read: {}", e.toString());
    }
  }
}
