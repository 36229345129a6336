package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.ledger.api.CommitteeView;
import java.io.IOException;
import java.io.OutputStream;
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
    this.reader = reader;
    this.streamer = new RowStreamer(reader);
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
   * the blob streams row by row, in memory only a window of rows (decoding, when a row is
   * missing, holds at most about one blob's worth of slivers). {@link ConsistencyCheck#STRICT}
   * needs the whole blob re-encoded before anything may be trusted, so it decodes everything (to
   * a temporary file when large) before writing.
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
      BlobReader.Fetched f = reader.fetch(committee, blobId());
      try (DecodedBlob blob = DecodedBlob.decode(f.config(), f.metadata(), f.slivers(), check)) {
        blob.write(0, size(), out);
      }
      return;
    }
    streamer.write(committee, metadata, 0, size(), check != ConsistencyCheck.SKIP, out);
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
