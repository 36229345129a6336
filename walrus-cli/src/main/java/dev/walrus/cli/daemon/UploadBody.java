package dev.walrus.cli.daemon;

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
    long declared = x.contentLength();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    Path file = Files.createTempFile(directory, "upload-", ".blob");
    long size = 0;
    try (InputStream in = x.body(); OutputStream out = Files.newOutputStream(file)) {
      byte[] chunk = new byte[CHUNK];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        size += n;
        if (size > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out.write(chunk, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new UploadBody(file, size);
  }

  private static DaemonError tooLarge(long maxBytes) {
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
