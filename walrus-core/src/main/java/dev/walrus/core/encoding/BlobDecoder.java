package dev.walrus.core.encoding;

import dev.walrus.core.rs.StripedCoder;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.Node;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.SymbolLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Rebuilds a blob from {@code p = n − 2f} primary slivers or {@code s = n − f} secondary slivers
 * (spec §10), then runs the requested consistency check.
 *
 * <p>Slivers must already be verified against the metadata ({@link SliverVerifier}); the decoder
 * re-checks only their shape. Systematic slivers are used first: a read with all primary slivers
 * {@code 0..p−1} needs no arithmetic at all. Decoding is spread over all cores.
 */
public final class BlobDecoder {
  private static final int BATCHES_PER_CORE = 4;

  private final EncodingConfig config;
  private final SliverVerifier shapes;

  public BlobDecoder(EncodingConfig config) {
    this.config = config;
    this.shapes = new SliverVerifier(config);
  }

  /**
   * The blob, as a byte array.
   *
   * @throws NotEnoughSliversException if there are fewer distinct slivers than decoding needs
   * @throws InconsistentBlobException if the consistency check fails
   * @throws InvalidSliverException if a sliver has the wrong shape or the axes are mixed
   */
  public byte[] decode(BlobMetadataWithId metadata, Collection<SliverData> slivers, ConsistencyCheck check) {
    long length = metadata.unencodedLength();
    if (length > Integer.MAX_VALUE - 8) {
      throw new DataTooLargeException(length, Integer.MAX_VALUE - 8, config.nShards());
    }
    byte[] out = new byte[(int) length];
    decodeInto(metadata, slivers, check, MemorySegment.ofArray(out));
    return out;
  }

  /** Decodes into {@code out}, which must be exactly the blob's length. */
  public void decodeInto(
      BlobMetadataWithId metadata, Collection<SliverData> slivers, ConsistencyCheck check, MemorySegment out) {
    if (out.byteSize() != metadata.unencodedLength()) {
      throw new IllegalArgumentException(
          "output of " + out.byteSize() + " bytes for a blob of " + metadata.unencodedLength());
    }
    TreeMap<Integer, SliverData> byIndex = distinct(metadata, slivers);
    SliverType type = byIndex.firstEntry().getValue().type();
    boolean[] provided;
    if (type == SliverType.PRIMARY) {
      provided = decodeFromPrimary(metadata, byIndex, out);
    } else {
      decodeFromSecondary(metadata, byIndex, out);
      provided = new boolean[config.primarySymbols()];
    }
    switch (check) {
      case SKIP -> { }
      case DEFAULT -> checkSystematicPrimaries(metadata.metadata(), out, provided);
      case STRICT -> {
        BlobMetadataWithId recomputed = new BlobEncoder(config).computeMetadata(out);
        if (!recomputed.blobId().equals(metadata.blobId())) {
          throw new InconsistentBlobException(
              "blob " + metadata.blobId() + " is inconsistent: its decoded data re-encodes to " + recomputed.blobId());
        }
      }
    }
  }

  /**
   * The systematic primary slivers (the blob's rows) {@code firstRow..endRow−1}, from any {@code p}
   * primary slivers: rows among the given slivers are returned as they are, only the missing ones
   * are decoded. A reader that lacks a few rows of a byte range (or of a stream) so decodes just
   * those, without materialising the whole blob. Decoded rows are checked against the metadata
   * unless {@code verifyDecoded} is false, which is the default consistency check limited to the
   * rows returned.
   *
   * @throws NotEnoughSliversException if there are fewer distinct primary slivers than decoding needs
   * @throws InconsistentBlobException if a decoded row does not match the metadata
   * @throws InvalidSliverException if a sliver has the wrong shape or is not primary
   */
  public List<SliverData> primaryRows(BlobMetadataWithId metadata, Collection<SliverData> primarySlivers,
      int firstRow, int endRow, boolean verifyDecoded) {
    int p = config.primarySymbols();
    if (firstRow < 0 || endRow > p || firstRow > endRow) {
      throw new IllegalArgumentException("rows " + firstRow + ".." + endRow + " of " + p);
    }
    TreeMap<Integer, SliverData> byIndex = distinct(metadata, primarySlivers);
    if (byIndex.firstEntry().getValue().type() != SliverType.PRIMARY) {
      throw new InvalidSliverException("rows are decoded from primary slivers");
    }
    int n = config.nShards();
    int ss = config.symbolSize(metadata.unencodedLength());
    int rowBytes = config.secondarySymbols() * ss;
    byte[][] src = new byte[n][];
    boolean[] present = new boolean[n];
    for (SliverData sliver : byIndex.values()) {
      present[sliver.index()] = true;
      src[sliver.index()] = sliver.array();
    }
    byte[][] dst = new byte[n][];
    List<Integer> decoded = new ArrayList<>();
    for (int i = firstRow; i < endRow; i++) {
      if (!present[i]) {
        dst[i] = new byte[rowBytes];
        decoded.add(i);
      }
    }
    if (!decoded.isEmpty()) {
      ReedSolomonCode code = config.primaryCode();
      decodeBatches(code, code.planDecode(present), config.secondarySymbols(), ss, src, dst);
    }
    List<SliverData> rows = new ArrayList<>(endRow - firstRow);
    for (int i = firstRow; i < endRow; i++) {
      rows.add(present[i] ? byIndex.get(i) : SliverData.wrap(SliverType.PRIMARY, i, ss, dst[i]));
    }
    if (verifyDecoded) {
      Workers.run(decoded.size(), () -> null, (unused, t) -> {
        int i = decoded.get(t);
        Node hash = ExpandedSliver.of(config, rows.get(i - firstRow)).hash();
        if (!hash.equals(metadata.metadata().hashes().get(i).primaryHash())) {
          throw new InconsistentBlobException(
              "blob is inconsistent: decoded primary sliver " + i + " does not match the metadata");
        }
      });
    }
    return rows;
  }

  private TreeMap<Integer, SliverData> distinct(BlobMetadataWithId metadata, Collection<SliverData> slivers) {
    if (slivers.isEmpty()) {
      throw new NotEnoughSliversException("no slivers to decode from");
    }
    TreeMap<Integer, SliverData> byIndex = new TreeMap<>();
    SliverType type = null;
    for (SliverData s : slivers) {
      if (type != null && s.type() != type) {
        throw new InvalidSliverException("cannot decode from primary and secondary slivers together");
      }
      type = s.type();
      shapes.expectedHashFor(metadata.metadata(), s);
      byIndex.putIfAbsent(s.index(), s);
    }
    int needed = config.sourceSymbols(type.orthogonal());
    if (byIndex.size() < needed) {
      throw new NotEnoughSliversException(
          "decoding needs " + needed + " distinct " + type.urlName() + " slivers, got " + byIndex.size());
    }
    // Keep the first `needed` by index: systematic slivers first, the fewest symbols to decode.
    while (byIndex.size() > needed) {
      byIndex.pollLastEntry();
    }
    return byIndex;
  }

  /** Returns which systematic primary slivers were provided (the rest were decoded). */
  private boolean[] decodeFromPrimary(BlobMetadataWithId metadata, TreeMap<Integer, SliverData> byIndex, MemorySegment out) {
    int p = config.primarySymbols();
    int s = config.secondarySymbols();
    int n = config.nShards();
    int ss = config.symbolSize(metadata.unencodedLength());
    int rowBytes = s * ss;
    boolean[] provided = new boolean[p];
    byte[][] rows = new byte[p][];
    boolean[] present = new boolean[n];
    byte[][] src = new byte[n][];
    for (SliverData sliver : byIndex.values()) {
      present[sliver.index()] = true;
      src[sliver.index()] = sliver.array();
      if (sliver.index() < p) {
        provided[sliver.index()] = true;
        rows[sliver.index()] = sliver.array();
      }
    }
    byte[][] dst = new byte[n][];
    boolean missing = false;
    for (int i = 0; i < p; i++) {
      if (!provided[i]) {
        rows[i] = new byte[rowBytes];
        dst[i] = rows[i];
        missing = true;
      }
    }
    if (missing) {
      ReedSolomonCode code = config.primaryCode();
      ReedSolomonCode.DecodePlan plan = code.planDecode(present);
      decodeBatches(code, plan, s, ss, src, dst);
    }
    long length = out.byteSize();
    for (int i = 0; i < p; i++) {
      long at = (long) i * rowBytes;
      int len = (int) Math.max(0, Math.min(rowBytes, length - at));
      if (len > 0) {
        MemorySegment.copy(rows[i], 0, out, ValueLayout.JAVA_BYTE, at, len);
      }
    }
    return provided;
  }

  private void decodeFromSecondary(BlobMetadataWithId metadata, TreeMap<Integer, SliverData> byIndex, MemorySegment out) {
    int p = config.primarySymbols();
    int s = config.secondarySymbols();
    int n = config.nShards();
    int ss = config.symbolSize(metadata.unencodedLength());
    byte[][] columns = new byte[s][];
    boolean[] present = new boolean[n];
    byte[][] src = new byte[n][];
    for (SliverData sliver : byIndex.values()) {
      present[sliver.index()] = true;
      src[sliver.index()] = sliver.array();
      if (sliver.index() < s) {
        columns[sliver.index()] = sliver.array();
      }
    }
    byte[][] dst = new byte[n][];
    boolean missing = false;
    for (int j = 0; j < s; j++) {
      if (columns[j] == null) {
        columns[j] = new byte[p * ss];
        dst[j] = columns[j];
        missing = true;
      }
    }
    if (missing) {
      ReedSolomonCode code = config.secondaryCode();
      decodeBatches(code, code.planDecode(present), p, ss, src, dst);
    }
    long length = out.byteSize();
    for (int r = 0; r < p; r++) {
      for (int c = 0; c < s; c++) {
        long at = ((long) r * s + c) * ss;
        int len = (int) Math.max(0, Math.min(ss, length - at));
        if (len <= 0) {
          return;
        }
        MemorySegment.copy(columns[c], r * ss, out, ValueLayout.JAVA_BYTE, at, len);
      }
    }
  }

  /**
   * Decodes every codeword along the slivers: {@code symbols} symbols per sliver, split into
   * batches of consecutive symbols spread over the cores.
   */
  private static void decodeBatches(
      ReedSolomonCode code, ReedSolomonCode.DecodePlan plan, int symbols, int ss, byte[][] src, byte[][] dst) {
    int cores = Runtime.getRuntime().availableProcessors();
    int perBatch = Math.max(1, (symbols + BATCHES_PER_CORE * cores - 1) / (BATCHES_PER_CORE * cores));
    int batches = (symbols + perBatch - 1) / perBatch;
    Workers.run(batches, StripedCoder::new, (coder, b) -> {
      int first = b * perBatch;
      int count = Math.min(symbols, first + perBatch) - first;
      int[] bases = new int[src.length];
      java.util.Arrays.fill(bases, first * ss);
      coder.decode(code, plan, new SymbolLayout(ss, count), src, bases, ss, dst, bases, ss);
    });
  }

  /** The default check: hashes of the systematic primary slivers that were not read. */
  private void checkSystematicPrimaries(BlobMetadata metadata, MemorySegment blob, boolean[] provided) {
    int p = config.primarySymbols();
    int ss = config.symbolSize(metadata.unencodedLength());
    int rowBytes = config.secondarySymbols() * ss;
    long length = blob.byteSize();
    int[] toCheck = java.util.stream.IntStream.range(0, p).filter(i -> !provided[i]).toArray();
    Workers.run(toCheck.length, () -> new byte[rowBytes], (row, t) -> {
      int i = toCheck[t];
      long at = (long) i * rowBytes;
      int len = (int) Math.max(0, Math.min(rowBytes, length - at));
      java.util.Arrays.fill(row, len, rowBytes, (byte) 0);
      if (len > 0) {
        MemorySegment.copy(blob, ValueLayout.JAVA_BYTE, at, row, 0, len);
      }
      Node hash = ExpandedSliver.of(config, SliverData.wrap(SliverType.PRIMARY, i, ss, row)).hash();
      if (!hash.equals(metadata.hashes().get(i).primaryHash())) {
        throw new InconsistentBlobException(
            "blob is inconsistent: decoded primary sliver " + i + " does not match the metadata");
      }
    });
  }
}
