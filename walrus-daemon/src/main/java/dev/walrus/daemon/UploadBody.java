package dev.walrus.daemon;

import dev.walrus.core.encoding.BlobSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A request body spooled to a temporary file as it arrives, never held in memory; the store then
 * reads the file with positional reads. Larger than the limit — by its declared length, before
 * reading, or by what arrives — is a 413. The file is unlinked as soon as it is open, so it is
 * gone when the body is closed or the process dies, however.
 */
final class UploadBody implements AutoCloseable {
  private static final int CHUNK = 64 << 10;

  private final FileChannel channel;
  private final long size;

  private UploadBody(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  static UploadBody receive(Exchange x, long maxBytes, Path directory) throws IOException {
    InputStream limited = limited(x, maxBytes);
    Path file = Files.createTempFile(directory, "upload-", ".blob");
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
    } finally {
      Files.deleteIfExists(file);
    }
    try (InputStream in = limited) {
      long size = in.transferTo(Channels.newOutputStream(channel));
      return new UploadBody(channel, size);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
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

  /** The body's bytes, for a store. */
  BlobSource blob() throws IOException {
    return BlobSource.of(channel);
  }

  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
