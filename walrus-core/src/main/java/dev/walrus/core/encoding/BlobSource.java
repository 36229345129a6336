package dev.walrus.core.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a blob to encode, read at random offsets by the encoder's workers at once.
 *
 * <p>A file is best read through {@link #of(FileChannel)}: positional reads go through the page
 * cache without mapping the file into the process, so encoding a blob of many gigabytes does not
 * grow the process's resident set by the blob's size (pages of a memory mapping count as the
 * process's own once touched, and stay so until unmapped).
 */
public interface BlobSource {
  /** The blob's length in bytes. */
  long size();

  /**
   * Copies bytes {@code [offset, offset + length)}, which lie within the blob, into {@code
   * dst[dstOffset..)}.
   *
   * @throws UncheckedIOException if reading fails
   */
  void read(long offset, byte[] dst, int dstOffset, int length);

  /** A blob held in memory (a heap array, native memory or a mapping). */
  static BlobSource of(MemorySegment segment) {
    return new BlobSource() {
      @Override
      public long size() {
        return segment.byteSize();
      }

      @Override
      public void read(long offset, byte[] dst, int dstOffset, int length) {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, dst, dstOffset, length);
      }
    };
  }

  static BlobSource of(byte[] blob) {
    return of(MemorySegment.ofArray(blob));
  }

  /**
   * The contents of an open file, read with positional reads (safe from many threads). The file
   * must not change while it is encoded or its slivers are sent.
   */
  static BlobSource of(FileChannel channel) throws IOException {
    long size = channel.size();
    return new BlobSource() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public void read(long offset, byte[] dst, int dstOffset, int length) {
        readFully(channel, offset, ByteBuffer.wrap(dst, dstOffset, length));
      }
    };
  }

  /**
   * Fills {@code buffer} from {@code channel} at {@code offset}; the range must lie in the file.
   * A heap buffer is read at most {@value FileSpill#IO_CHUNK} bytes at a time: the JDK copies heap
   * reads through a temporary direct buffer as large as the read, which counts against the
   * direct-memory limit (the heap size by default).
   */
  static void readFully(FileChannel channel, long offset, ByteBuffer buffer) {
    try {
      long at = offset;
      int end = buffer.limit();
      while (buffer.position() < end) {
        buffer.limit(Math.min(end, buffer.position() + FileSpill.IO_CHUNK));
        int n = channel.read(buffer, at);
        if (n < 0) {
          throw new IOException("the file ended at byte " + at + " while reading; was it changed during the store?");
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
