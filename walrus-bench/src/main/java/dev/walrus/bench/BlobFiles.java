package dev.walrus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Random blob files on disk and their SHA-256, for benchmarks that check every byte read back. */
final class BlobFiles {
  private static final int CHUNK = 1 << 20;

  private BlobFiles() {}

  /** Writes {@code size} fresh random bytes to {@code file} (created or replaced) and returns their SHA-256. */
  static byte[] writeRandom(Path file, long size, SplittableRandom random) throws IOException {
    MessageDigest sha = sha256();
    byte[] chunk = new byte[CHUNK];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        int n = (int) Math.min(left, chunk.length);
        sha.update(chunk, 0, n);
        out.write(chunk, 0, n);
      }
    }
    return sha.digest();
  }

  /** The SHA-256 of the file's bytes. */
  static byte[] sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    byte[] chunk = new byte[CHUNK];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(chunk)) > 0; ) {
        sha.update(chunk, 0, n);
      }
    }
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
