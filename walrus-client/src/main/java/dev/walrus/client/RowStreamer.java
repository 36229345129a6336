package dev.walrus.client;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverVerifier;
import dev.walrus.ledger.api.CommitteeView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a byte range of a blob to a stream (protocol.md §4.2). In RS2 the blob is the row-major
 * {@code p × s} symbol matrix and systematic primary sliver {@code i} is row {@code i}, so a range
 * is covered by a run of consecutive rows: they are fetched a window ahead, verified one by one and
 * written in order as they arrive. Memory stays at the window, however large the blob.
 *
 * <p>When a row cannot be had (its node is down or serves bad data), a small blob's remaining
 * rows are decoded at once: the rows still in the window plus other primary slivers up to {@code
 * p}, from which only the missing rows are computed (at most one blob's worth of slivers in
 * memory), or, with too few primary slivers, the blob decoded from secondary slivers. A large
 * blob's missing row is instead rebuilt on its own from the other nodes' symbols of it ({@link
 * RowRecovery}), so memory stays at the window. Rows already written are not taken back: a
 * failure after the first byte ends the stream early.
 */
final class RowStreamer {
  private static final Logger LOG = LoggerFactory.getLogger(RowStreamer.class);
  /**
   * Bytes of rows fetched ahead of the one being written: at least {@link #MIN_WINDOW} rows, at
   * most the reader's concurrency.
   */
  private static final long WINDOW_BYTES = Math.max(8L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
  private static final int MIN_WINDOW = 2;
  /** Blobs up to this size are decoded in memory when a row is missing; larger ones rebuild rows one by one. */
  static final long DECODE_IN_MEMORY_LIMIT = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);
  private static final int COPY_CHUNK = 64 << 10;

  private final BlobReader reader;
  private final RowRecovery rows;
  private final long decodeInMemoryLimit;

  RowStreamer(BlobReader reader, long decodeInMemoryLimit) {
    this.reader = reader;
    this.rows = new RowRecovery(reader.nodes());
    this.decodeInMemoryLimit = decodeInMemoryLimit;
  }

  /**
   * Writes bytes {@code [start, end)} of the blob to {@code out}.
   *
   * @param verifyDecoded whether rows computed by decoding are checked against the metadata (the
   *     default consistency check); rows fetched as they are always are
   */
  void write(CommitteeView committee, BlobMetadataWithId metadata, long start, long end, boolean verifyDecoded,
      OutputStream out) throws IOException {
    if (start >= end) {
      return;
    }
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    long rowBytes = (long) config.secondarySymbols() * metadata.symbolSize(config);
    Range range = new Range(start, end, rowBytes);
    int window = (int) Math.max(1, Math.min(range.endRow - range.firstRow,
        Math.min(reader.maxConcurrency(), Math.max(MIN_WINDOW, WINDOW_BYTES / rowBytes))));
    SliverVerifier verifier = new SliverVerifier(config);
    ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Map<Integer, Future<SliverData>> pending = new HashMap<>();
      int next = range.firstRow;
      for (int row = range.firstRow; row < range.endRow; row++) {
        while (next < range.endRow && next < row + window) {
          int r = next++;
          pending.put(r, exec.submit(() -> reader.primary(committee, metadata, verifier, r)));
        }
        SliverData sliver;
        try {
          sliver = pending.remove(row).get();
        } catch (ExecutionException e) {
          if (metadata.unencodedLength() <= decodeInMemoryLimit) {
            LOG.debug("blob {}: row {} unavailable ({}); decoding the rest", metadata.blobId(), row,
                e.getCause().toString());
            Set<Integer> failed = new HashSet<>(Set.of(row));
            Map<Integer, SliverData> have = collect(pending, failed);
            decodeRest(committee, config, metadata, verifier, range, row, have, failed, verifyDecoded, out);
            return;
          }
          LOG.debug("blob {}: row {} unavailable ({}); rebuilding it from symbols", metadata.blobId(), row,
              e.getCause().toString());
          sliver = rows.recover(committee, metadata, row);
        }
        range.write(sliver, out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalrusClientException("interrupted while reading blob " + metadata.blobId(), e);
    } finally {
      exec.shutdownNow();
    }
  }

  /** The rows of the window that arrived; the indices of those that failed go to {@code failed}. */
  private static Map<Integer, SliverData> collect(Map<Integer, Future<SliverData>> pending, Set<Integer> failed)
      throws InterruptedException {
    Map<Integer, SliverData> have = new HashMap<>();
    for (Map.Entry<Integer, Future<SliverData>> e : pending.entrySet()) {
      try {
        have.put(e.getKey(), e.getValue().get());
      } catch (ExecutionException ex) {
        failed.add(e.getKey());
      }
    }
    pending.clear();
    return have;
  }

  private void decodeRest(CommitteeView committee, EncodingConfig config, BlobMetadataWithId metadata,
      SliverVerifier verifier, Range range, int fromRow, Map<Integer, SliverData> have, Set<Integer> failed,
      boolean verifyDecoded, OutputStream out) throws IOException {
    int p = config.primarySymbols();
    Set<Integer> skip = new HashSet<>(failed);
    skip.addAll(have.keySet());
    BlobReader.Attempt more = reader.slivers(committee, metadata, verifier, SliverType.PRIMARY, skip,
        p - have.size());
    List<SliverData> primaries = new ArrayList<>(have.values());
    primaries.addAll(more.slivers);
    if (primaries.size() >= p) {
      for (SliverData row : new BlobDecoder(config).primaryRows(metadata, primaries, fromRow, range.endRow,
          verifyDecoded)) {
        range.write(row, out);
      }
      return;
    }
    primaries.clear();
    have.clear();
    BlobReader.Attempt secondary = reader.slivers(committee, metadata, verifier, SliverType.SECONDARY, Set.of(),
        config.secondarySymbols());
    if (secondary.slivers.size() < config.secondarySymbols()) {
      throw BlobReader.notEnough(config, metadata.blobId(), more, secondary);
    }
    try (DecodedBlob blob = DecodedBlob.decode(config, metadata, secondary.slivers,
        verifyDecoded ? ConsistencyCheck.DEFAULT : ConsistencyCheck.SKIP)) {
      blob.write(Math.max(range.start, fromRow * range.rowBytes), range.end, out);
    }
  }

  /** The byte range and the rows it covers. */
  private static final class Range {
    final long start;
    final long end;
    final long rowBytes;
    final int firstRow;
    final int endRow;

    Range(long start, long end, long rowBytes) {
      this.start = start;
      this.end = end;
      this.rowBytes = rowBytes;
      this.firstRow = (int) (start / rowBytes);
      this.endRow = (int) ((end - 1) / rowBytes) + 1;
    }

    /** Writes the part of row {@code sliver} that lies in the range. */
    void write(SliverData sliver, OutputStream out) throws IOException {
      long rowStart = sliver.index() * rowBytes;
      int from = (int) Math.max(0, start - rowStart);
      int to = (int) Math.min(rowBytes, end - rowStart);
      ByteBuffer data = sliver.data();
      byte[] chunk = new byte[Math.min(COPY_CHUNK, Math.max(0, to - from))];
      for (int at = from; at < to; at += chunk.length) {
        int len = Math.min(chunk.length, to - at);
        data.get(at, chunk, 0, len);
        out.write(chunk, 0, len);
      }
    }
  }
}
