package dev.walrus.ledger.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One file of the event log: the events {@code [first, next)}, each stored as {@code u32 length ‖
 * u32 CRC32C ‖ BCS(EventEnvelope)} (little-endian). The BCS of an envelope starts with its u64
 * sequence number, so a scan can check ordering without decoding events. A sparse in-memory index
 * (the offset of every {@value #STRIDE}th event) bounds what a read from the middle must skip.
 */
final class EventSegment {
  static final int STRIDE = 64;
  static final int HEADER = 8;
  /** No single event comes near this; a larger length means a corrupt record. */
  static final int MAX_RECORD = 16 << 20;

  final Path path;
  final long first;
  private long next;
  private long size;
  private long[] index = new long[16];

  EventSegment(Path path, long first) {
    this.path = path;
    this.first = first;
    this.next = first;
  }

  static String fileName(long first) {
    return String.format("events-%020d.log", first);
  }

  /** The first sequence number a segment file name declares, or -1 if it is not a segment. */
  static long firstOf(String fileName) {
    if (!fileName.startsWith("events-") || !fileName.endsWith(".log") || fileName.length() != 31) {
      return -1;
    }
    try {
      return Long.parseLong(fileName.substring(7, 27));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  long next() {
    return next;
  }

  long size() {
    return size;
  }

  /** Records that the event {@code next} was written at {@code offset} with {@code length} bytes. */
  void appended(long offset, int length) {
    long k = next - first;
    if (k % STRIDE == 0) {
      int slot = (int) (k / STRIDE);
      if (slot == index.length) {
        index = Arrays.copyOf(index, slot * 2);
      }
      index[slot] = offset;
    }
    next++;
    size = offset + length;
  }

  /** The offset of the indexed event at or before {@code sequence}, and that event's sequence. */
  long[] seek(long sequence) {
    long k = (sequence - first) / STRIDE;
    return new long[] {index[(int) k], first + k * STRIDE};
  }

  /**
   * Reads the file from the start, rebuilding the index; stops at the first record that is
   * truncated, fails its checksum or is out of sequence, and returns that offset ({@code size()}
   * when the whole file is valid).
   */
  long scan() throws IOException {
    next = first;
    size = 0;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long fileSize = ch.size();
      long offset = 0;
      ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (offset + HEADER <= fileSize) {
        header.clear();
        readFully(ch, header, offset);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < 8 || length > MAX_RECORD || offset + HEADER + length > fileSize) {
          break;
        }
        ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, payload, offset + HEADER);
        if (crc(payload.array(), 0, length) != crc || payload.getLong(0) != next) {
          break;
        }
        appended(offset, HEADER + length);
        offset += HEADER + length;
      }
      return offset;
    }
  }

  /** The file offset of event {@code sequence} (or of the end, for {@code next()}). */
  long offsetOf(FileChannel ch, long sequence) throws IOException {
    if (sequence == next) {
      return size;
    }
    long[] at = seek(sequence);
    long offset = at[0];
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    for (long s = at[1]; s < sequence; s++) {
      header.clear();
      readFully(ch, header, offset);
      offset += HEADER + header.getInt(0);
    }
    return offset;
  }

  /** Forgets the events from {@code sequence} on; the caller cuts the file at {@code offset}. */
  void cut(long sequence, long offset) {
    next = sequence;
    size = offset;
  }

  static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of " + "event segment at " + pos);
      }
      pos += n;
    }
    buf.flip();
  }
}
