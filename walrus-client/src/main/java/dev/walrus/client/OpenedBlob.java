package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.BlobSource;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InconsistentBlobException;
import dev.walrus.ledger.api.CommitteeView;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A blob whose verified metadata is in hand but whose data has not been fetched yet, from {@link
 * WalrusClient#open}. It knows the blob's length before the first byte is read — an HTTP server
 * sets {@code Content-Length} or answers {@code 416} from it — and then writes the blob, or a
 * range of it, as its slivers arrive. Each write fetches afresh; the object holds no data.
 */
public final class OpenedBlob {
  private final BlobReader reader;
  private final RowStreamer streamer;
  private final CommitteeView committee;
  private final BlobMetadataWithId metadata;

  OpenedBlob(BlobReader reader, CommitteeView committee, BlobMetadataWithId metadata) {
    this(reader, committee, metadata, RowStreamer.DECODE_IN_MEMORY_LIMIT);
  }

  /** @param decodeInMemoryLimit see {@link RowStreamer#DECODE_IN_MEMORY_LIMIT} */
  OpenedBlob(BlobReader reader, CommitteeView committee, BlobMetadataWithId metadata, long decodeInMemoryLimit) {
    this.reader = reader;
    this.streamer = new RowStreamer(reader, decodeInMemoryLimit);
    this.committee = committee;
    this.metadata = metadata;
  }

  public BlobId blobId() {
    return metadata.blobId();
  }

  /** The blob's length in bytes. */
  public long size() {
    return metadata.unencodedLength();
  }

  /**
   * Writes the whole blob to {@code out} (not closed). With the default or no consistency check
   * the blob streams row by row, in memory only a window of rows. {@link ConsistencyCheck#STRICT}
   * needs the whole blob re-encoded before anything may be trusted, so the rows go to an unnamed
   * temporary file first, are re-encoded from there, and only then copied to {@code out}.
   *
   * @throws BlobNotFoundException if the nodes no longer have the blob's slivers
   * @throws BlobUnavailableException if too few verified slivers could be fetched
   * @throws dev.walrus.core.encoding.InconsistentBlobException if the blob fails its consistency
   *     check (possibly after part of it was written)
   */
  public void writeTo(OutputStream out, ReadOptions options) throws IOException {
    Objects.requireNonNull(out, "out");
    ConsistencyCheck check = options.consistencyCheck();
    if (check == ConsistencyCheck.STRICT) {
      try (FileChannel spooled = SpooledInput.empty(reader.spill().directoryOrNull())) {
        writeChecked(spooled);
        copy(spooled, out);
      }
      return;
    }
    streamer.write(committee, metadata, 0, size(), check != ConsistencyCheck.SKIP, out);
  }

  /**
   * Writes the whole blob into {@code file} from its start, then re-encodes what was written and
   * compares the blob ID: the strict consistency check, in bounded memory.
   *
   * @throws InconsistentBlobException if the blob's encoding does not reproduce its ID
   */
  void writeChecked(FileChannel file) throws IOException {
    OutputStream sink = new BufferedOutputStream(Channels.newOutputStream(file), 1 << 20);
    file.position(0);
    streamer.write(committee, metadata, 0, size(), true, sink);
    sink.flush();
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    BlobId recomputed = new BlobEncoder(config).computeMetadata(BlobSource.of(file), reader.spill()).blobId();
    if (!recomputed.equals(blobId())) {
      throw new InconsistentBlobException("blob " + blobId() + " is inconsistent: its data re-encodes to blob ID "
          + recomputed);
    }
  }

  private static void copy(FileChannel from, OutputStream out) throws IOException {
    byte[] chunk = new byte[1 << 16];
    ByteBuffer buffer = ByteBuffer.wrap(chunk);
    long at = 0;
    for (int n; (n = from.read(buffer.clear(), at)) > 0; at += n) {
      out.write(chunk, 0, n);
    }
  }

  /**
   * Writes bytes {@code [start, start + length)} to {@code out} (not closed), fetching only the
   * systematic primary slivers that cover the range when their nodes serve them (protocol.md
   * §4.2). Decoded rows, when some are missing, are checked against the metadata; the blob as a
   * whole is not checked for consistency.
   *
   * @throws InvalidByteRangeException if the range is empty or does not lie within the blob
   */
  public void writeRange(long start, long length, OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    checkRange(start, length, size());
    streamer.write(committee, metadata, start, start + length, true, out);
  }

  /** Throws unless {@code [start, start + length)} is a non-empty range within a blob of {@code size} bytes. */
  static void checkRange(long start, long length, long size) {
    if (start < 0) {
      throw new InvalidByteRangeException("the range starts at " + start + ", before the blob", size);
    }
    if (length <= 0) {
      throw new InvalidByteRangeException("the range is empty (length " + length + ")", size);
    }
    if (start > size || length > size - start) {
      throw new InvalidByteRangeException("bytes " + start + "+" + length + " do not lie within the blob of "
          + size + " bytes", size);
    }
  }
}
