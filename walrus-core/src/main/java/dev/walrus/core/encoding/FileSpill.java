package dev.walrus.core.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link Spill} in a temporary file, read and written with positional I/O (never mapped, so the
 * process's resident set does not grow with it; the kernel's page cache holds what fits).
 *
 * <p>The file is unlinked as soon as it is open: its space lives as long as the channel and comes
 * back when the spill is closed or the process ends in any way, a {@code kill -9} included, so no
 * temporary file is ever left behind.
 */
final class FileSpill extends Spill {
  /** Largest single read or write: heap buffers go through a JDK direct buffer of the same size. */
  static final int IO_CHUNK = 1 << 20;

  private final long size;
  private final FileChannel channel;

  private FileSpill(long size, FileChannel channel) {
    this.size = size;
    this.channel = channel;
  }

  /**
   * A spill of {@code size} bytes in {@code directory}.
   *
   * @throws SpillSpaceException if the directory lacks the space or cannot hold a file
   */
  static FileSpill create(Path directory, long size) {
    long usable;
    try {
      Files.createDirectories(directory);
      usable = Files.getFileStore(directory).getUsableSpace();
    } catch (IOException e) {
      throw new SpillSpaceException("cannot use " + directory + " for the encoded blob: " + e, e);
    }
    if (usable < size) {
      throw new SpillSpaceException(String.format(
          "encoding needs %s of temporary space in %s, which has %s free; free some space or choose another "
              + "directory (java.io.tmpdir, or --tmp-dir)", SpillSpaceException.human(size), directory,
          SpillSpaceException.human(usable)), null);
    }
    Path file = null;
    try {
      file = Files.createTempFile(directory, "walrus-encoding-", ".tmp");
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
      // Unlink now: the open channel keeps the space; nothing is left if the process dies.
      Files.deleteIfExists(file);
      return new FileSpill(size, channel);
    } catch (IOException e) {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // best effort
        }
      }
      throw new SpillSpaceException("cannot create a temporary file in " + directory + ": " + e, e);
    }
  }

  @Override
  long size() {
    return size;
  }

  @Override
  void write(long offset, byte[] src, int srcOffset, int length) {
    check(offset, length);
    ByteBuffer buffer = ByteBuffer.wrap(src, srcOffset, length);
    try {
      long at = offset;
      int end = buffer.limit();
      while (buffer.position() < end) {
        buffer.limit(Math.min(end, buffer.position() + IO_CHUNK));
        at += channel.write(buffer, at);
      }
    } catch (IOException e) {
      throw new SpillSpaceException("writing the encoded blob to a temporary file failed: " + e.getMessage()
          + (isNoSpace(e) ? " (the disk is full: free some space or choose another directory)" : ""), e);
    }
  }

  @Override
  void read(long offset, byte[] dst, int dstOffset, int length) {
    check(offset, length);
    try {
      BlobSource.readFully(channel, offset, ByteBuffer.wrap(dst, dstOffset, length));
    } catch (UncheckedIOException e) {
      throw new SpillSpaceException("reading the encoded blob back from its temporary file failed: "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  private void check(long offset, int length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException("bytes " + offset + "+" + length + " of a spill of " + size);
    }
  }

  private static boolean isNoSpace(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("No space left");
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is already unlinked; closing frees its space
    }
  }
}
