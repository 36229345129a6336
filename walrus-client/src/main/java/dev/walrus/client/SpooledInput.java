package dev.walrus.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Unnamed temporary files: a stream copied for a blob that must be read more than once, a read being checked. */
final class SpooledInput {
  private static final int CHUNK = 1 << 20;

  private SpooledInput() {}

  /** A new empty temporary file in {@code directory} (the system's if {@code null}), already unlinked. */
  static FileChannel empty(Path directory) throws IOException {
    Path dir = directory(directory);
    Files.createDirectories(dir);
    Path file = Files.createTempFile(dir, "walrus-", ".tmp");
    try {
      return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path directory(Path directory) {
    return directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Copies {@code in} to a new temporary file in {@code directory} (the system's if {@code null})
   * that is unlinked at once: the returned channel, positioned anywhere, holds its only reference.
   */
  static FileChannel spool(InputStream in, Path directory) throws IOException {
    Path dir = directory(directory);
    FileChannel ch = empty(directory);
    try {
      byte[] buffer = new byte[CHUNK];
      long at = 0;
      for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0; ) {
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
        while (b.hasRemaining()) {
          at += ch.write(b, at);
        }
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      if (e.getMessage() != null && e.getMessage().contains("No space left")) {
        throw new IOException("copying the input to a temporary file in " + dir + " failed: the disk is full", e);
      }
      throw e;
    }
  }
}
