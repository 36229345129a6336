package dev.walrus.client;

import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/**
 * A whole blob decoded for streaming out: on the heap when small, otherwise into a mapped
 * temporary file (deleted on close), so that the decoded copy does not sit on the heap next to
 * the slivers it was decoded from.
 */
final class DecodedBlob implements AutoCloseable {
  private static final long HEAP_LIMIT = 16L << 20;
  private static final int COPY_CHUNK = 64 << 10;

  private final MemorySegment data;
  private final Arena arena;
  private final Path file;

  private DecodedBlob(MemorySegment data, Arena arena, Path file) {
    this.data = data;
    this.arena = arena;
    this.file = file;
  }

  static DecodedBlob decode(EncodingConfig config, BlobMetadataWithId metadata, Collection<SliverData> slivers,
      ConsistencyCheck check) throws IOException {
    long length = metadata.unencodedLength();
    BlobDecoder decoder = new BlobDecoder(config);
    if (length <= HEAP_LIMIT) {
      MemorySegment out = MemorySegment.ofArray(new byte[(int) length]);
      decoder.decodeInto(metadata, slivers, check, out);
      return new DecodedBlob(out, null, null);
    }
    Path file = Files.createTempFile("walrus-read-", ".blob");
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MemorySegment out = ch.map(FileChannel.MapMode.READ_WRITE, 0, length, arena);
      decoder.decodeInto(metadata, slivers, check, out);
      return new DecodedBlob(out, arena, file);
    } catch (IOException | RuntimeException e) {
      arena.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Writes bytes {@code [from, to)} to {@code out}. */
  void write(long from, long to, OutputStream out) throws IOException {
    byte[] chunk = new byte[(int) Math.min(COPY_CHUNK, Math.max(0, to - from))];
    for (long at = from; at < to; at += chunk.length) {
      int len = (int) Math.min(chunk.length, to - at);
      MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, chunk, 0, len);
      out.write(chunk, 0, len);
    }
  }

  @Override
  public void close() {
    if (arena != null) {
      arena.close();
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
