package dev.walrus.sites.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes whose SHA-256 equals the resource's {@code blobHash}: the only bytes the portal sends.
 * Small bodies are held in memory (and may be cached); larger ones live in a temporary file that
 * {@link #close} deletes.
 */
sealed interface VerifiedBody extends AutoCloseable {

  long size();

  /** Writes bytes {@code [start, start + length)} to {@code out}. */
  void writeTo(OutputStream out, long start, long length) throws IOException;

  @Override
  void close();

  record InMemory(byte[] bytes) implements VerifiedBody {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public void writeTo(OutputStream out, long start, long length) throws IOException {
      out.write(bytes, Math.toIntExact(start), Math.toIntExact(length));
    }

    @Override
    public void close() {}
  }

  record Spooled(Path file, long size) implements VerifiedBody {
    @Override
    public void writeTo(OutputStream out, long start, long length) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
          InputStream in = Channels.newInputStream(ch.position(start))) {
        byte[] buf = new byte[64 << 10];
        long left = length;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            throw new IOException("the spooled body " + file + " is shorter than " + size + " bytes");
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
    }

    @Override
    public void close() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }
}
