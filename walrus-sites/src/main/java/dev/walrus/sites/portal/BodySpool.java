package dev.walrus.sites.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Receives a body from an aggregator while hashing it: in memory up to {@code memoryLimit} bytes,
 * then in a temporary file, and never more than {@code maxBody} bytes in all. Memory per request
 * is thus bounded by the memory limit, disk by the body limit. The bytes become a {@link
 * VerifiedBody} only if their SHA-256 is the expected one; otherwise they are dropped.
 */
final class BodySpool implements AutoCloseable {
  private final int memoryLimit;
  private final long maxBody;
  private final Path spoolDir;
  private final MessageDigest sha256;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;
  private boolean kept;

  /** More bytes arrived than the portal serves. */
  static final class TooLargeException extends IOException {
    TooLargeException(long max) {
      super("the body is larger than " + max + " bytes");
    }
  }

  BodySpool(int memoryLimit, long maxBody, Path spoolDir) {
    this.memoryLimit = memoryLimit;
    this.maxBody = maxBody;
    this.spoolDir = spoolDir;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code in} to its end. */
  void readAll(InputStream in) throws IOException {
    byte[] buf = new byte[64 << 10];
    int n;
    while ((n = in.read(buf)) >= 0) {
      write(buf, n);
    }
  }

  private void write(byte[] buf, int n) throws IOException {
    if (n > maxBody - size) {
      throw new TooLargeException(maxBody);
    }
    sha256.update(buf, 0, n);
    size += n;
    if (fileOut == null && size > memoryLimit) {
      Files.createDirectories(spoolDir);
      file = Files.createTempFile(spoolDir, "body-", ".tmp");
      fileOut = Files.newOutputStream(file);
      memory.writeTo(fileOut);
      memory = null;
    }
    if (fileOut != null) {
      fileOut.write(buf, 0, n);
    } else {
      memory.write(buf, 0, n);
    }
  }

  /** The SHA-256 of every byte written so far; call once, at the end. */
  byte[] digest() {
    return sha256.digest();
  }

  /** The bytes received, to be served: call only after their digest was checked. */
  VerifiedBody keep() throws IOException {
    kept = true;
    if (fileOut == null) {
      return new VerifiedBody.InMemory(memory.toByteArray());
    }
    fileOut.close();
    return new VerifiedBody.Spooled(file, size);
  }

  /** Drops what was received unless it was kept. */
  @Override
  public void close() {
    if (kept) {
      return;
    }
    memory = null;
    if (fileOut != null) {
      try {
        fileOut.close();
      } catch (IOException e) {
        // deleted below anyway
      }
      new VerifiedBody.Spooled(file, size).close();
    }
  }
}
