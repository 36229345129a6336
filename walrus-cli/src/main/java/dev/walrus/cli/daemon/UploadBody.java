package dev.walrus.cli.daemon;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body spooled to a temporary file as it arrives, never held in memory: the store then
 * maps the file. Larger than the limit — by its declared length, before reading, or by what
 * arrives — is a 413. The file is deleted on close.
 */
final class UploadBody implements AutoCloseable {
  private static final int CHUNK = 64 << 10;

  private final Path file;
  private final long size;

  private UploadBody(Path file, long size) {
    this.file = file;
    this.size = size;
  }

  static UploadBody receive(Exchange x, long maxBytes, Path directory) throws IOException {
    InputStream limited = limited(x, maxBytes);
    Path file = Files.createTempFile(directory, "upload-", ".blob");
    long size;
    try (InputStream in = limited; OutputStream out = Files.newOutputStream(file)) {
      size = in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new UploadBody(file, size);
  }

  /**
   * The request body as a stream that fails with the 413 once more than {@code maxBytes} arrive
   * (or at once, if the declared length is larger), for bodies parsed as they stream in.
   */
  static InputStream limited(Exchange x, long maxBytes) {
    if (x.contentLength() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return new FilterInputStream(x.body()) {
      private long seen;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, Math.min(len, CHUNK));
        count(Math.max(n, 0));
        return n;
      }

      private void count(int n) {
        seen += n;
        if (seen > maxBytes) {
          throw tooLarge(maxBytes);
        }
      }
    };
  }

  static DaemonError tooLarge(long maxBytes) {
    return DaemonError.plain(413, "the request body exceeds the publisher's limit of " + maxBytes + " bytes");
  }

  Path file() {
    return file;
  }

  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
