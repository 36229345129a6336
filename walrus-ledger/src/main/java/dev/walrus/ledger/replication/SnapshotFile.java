package dev.walrus.ledger.replication;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The state part of a replica snapshot: a fixed header (so the event count and position can be
 * read without loading the state) followed by {@link dev.walrus.ledger.state.LedgerState#snapshot()}.
 * Layout, little-endian: {@code "WLSNAP01" ‖ u64 term ‖ u64 index ‖ u64 height ‖ u64 events ‖ u32
 * length ‖ state}. Written to a temporary file and renamed, so a crash never leaves half a file
 * under the final name.
 */
record SnapshotFile(long term, long index, long height, long eventCount, byte[] state) {
  private static final byte[] MAGIC = "WLSNAP01".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 8 + 8 * 4 + 4;

  /** Header fields only. */
  record Header(long term, long index, long height, long eventCount) {}

  void write(Path path) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    h.put(MAGIC).putLong(term).putLong(index).putLong(height).putLong(eventCount).putInt(state.length);
    Path tmp = path.resolveSibling(path.getFileName() + ".writing");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer[] parts = {h.flip(), ByteBuffer.wrap(state)};
      while (parts[0].hasRemaining() || parts[1].hasRemaining()) {
        ch.write(parts);
      }
      ch.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static Header readHeader(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return header(new DataInputStream(in), path);
    }
  }

  static SnapshotFile read(Path path) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(path))) {
      Header h = header(in, path);
      int length = Integer.reverseBytes(in.readInt());
      if (length < 0) {
        throw new IOException(path + " is not a ledger snapshot (negative length)");
      }
      byte[] state = in.readNBytes(length);
      if (state.length != length || in.read() != -1) {
        throw new IOException(path + " is damaged: the state is not " + length + " bytes long");
      }
      return new SnapshotFile(h.term(), h.index(), h.height(), h.eventCount(), state);
    }
  }

  private static Header header(DataInputStream in, Path path) throws IOException {
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException(path + " is not a ledger snapshot");
    }
    return new Header(
        Long.reverseBytes(in.readLong()), Long.reverseBytes(in.readLong()),
        Long.reverseBytes(in.readLong()), Long.reverseBytes(in.readLong()));
  }
}
