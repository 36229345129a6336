package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.MerkleRoots;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.StripedCoder;
import dev.walrus.core.rs.SymbolLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Encodes a blob into chosen slivers only, each with its hash (the Merkle root over its expanded
 * symbols), for a storage node that rebuilt a blob and must check the slivers it owns against the
 * metadata. Computing the whole metadata instead means hashing all {@code n²} cells and {@code 2n}
 * trees: at n = 1000 a node with a quarter of the shards needs a quarter of that work, and for a
 * small blob less still, since padding rows are zero and their subtrees are not hashed again
 * ({@link MerkleRoots}).
 *
 * <p>The slivers and hashes are exactly those of {@link BlobEncoder}. Work is spread over the cores
 * like the encoder's; {@code checkpoint} runs before each unit of work (a batch of columns or one
 * row), so a caller can pause between them to let more urgent work run.
 */
public final class SliverSubsetEncoder {
  /** Upper bound on one column batch's buffer of {@code n} rows. */
  private static final int COLUMN_BATCH_BYTES = 4 << 20;
  /** Upper bound on one batch of rows expanded together. */
  private static final int ROW_BATCH_BYTES = 1 << 20;

  private final EncodingConfig config;
  private final int n;
  private final int p;
  private final int s;
  private final int f;

  /** A sliver and the hash computed from it; {@link #matches} compares it with the metadata. */
  public record HashedSliver(SliverData sliver, Node hash) {
    public boolean matches(BlobMetadata metadata) {
      return hash.equals(metadata.hashes().get(sliver.pairIndex(metadata.nShards())).hash(sliver.type()));
    }
  }

  public SliverSubsetEncoder(EncodingConfig config) {
    this.config = config;
    this.n = config.nShards();
    this.p = config.primarySymbols();
    this.s = config.secondarySymbols();
    this.f = config.f();
  }

  /**
   * The chosen primary and secondary slivers of {@code blob} (sliver indices on their axis), primary
   * ones first, each axis in increasing order.
   */
  public List<HashedSliver> encode(byte[] blob, Collection<Integer> primaryIndices, Collection<Integer> secondaryIndices,
      Runnable checkpoint) {
    int[] primary = sortedDistinct(primaryIndices);
    int[] secondary = sortedDistinct(secondaryIndices);
    return new Run(blob, checkpoint).encode(primary, secondary);
  }

  /**
   * The blob of {@code length} bytes from primary slivers that cover its data rows: the source
   * rows after the last one holding blob bytes are padding, zero by definition of the encoding, so
   * a small blob needs only as many slivers as it has data rows (any of them, systematic or not)
   * rather than {@code p}. Slivers are used as they are (verify them first, or check what is
   * encoded from the result); rows in the padding range are ignored.
   *
   * @throws NotEnoughSliversException if fewer distinct usable rows than data rows were given
   * @throws InvalidSliverException if a sliver is not a primary sliver of this blob's shape
   */
  public byte[] decodeWithPadding(long length, Collection<SliverData> primarySlivers) {
    if (length > Integer.MAX_VALUE - 8) {
      throw new DataTooLargeException(length, Integer.MAX_VALUE - 8, n);
    }
    int ss = config.symbolSize(length);
    int rowBytes = s * ss;
    int dataRows = (int) Math.min(p, (length + rowBytes - 1) / rowBytes);
    boolean[] present = new boolean[n];
    byte[][] src = new byte[n][];
    byte[] zero = new byte[rowBytes];
    for (int r = dataRows; r < p; r++) {
      present[r] = true;
      src[r] = zero;
    }
    int known = p - dataRows;
    java.util.TreeMap<Integer, SliverData> byIndex = new java.util.TreeMap<>();
    for (SliverData sliver : primarySlivers) {
      if (sliver.type() != SliverType.PRIMARY || sliver.symbolSize() != ss || sliver.symbolCount() != s
          || sliver.index() >= n) {
        throw new InvalidSliverException(sliver + " is not a primary sliver of a " + length + "-byte blob");
      }
      if (sliver.index() < dataRows || sliver.index() >= p) {
        byIndex.putIfAbsent(sliver.index(), sliver);
      }
    }
    for (SliverData sliver : byIndex.values()) {
      if (known == p) {
        break;
      }
      present[sliver.index()] = true;
      src[sliver.index()] = sliver.array();
      known++;
    }
    if (known < p) {
      throw new NotEnoughSliversException("decoding a " + length + "-byte blob needs " + dataRows
          + " distinct primary slivers outside its padding rows, got " + (known - (p - dataRows)));
    }
    byte[][] rows = new byte[dataRows][];
    byte[][] dst = new byte[n][];
    boolean missing = false;
    for (int r = 0; r < dataRows; r++) {
      if (present[r]) {
        rows[r] = src[r];
      } else {
        rows[r] = new byte[rowBytes];
        dst[r] = rows[r];
        missing = true;
      }
    }
    if (missing) {
      ReedSolomonCode code = config.primaryCode();
      ReedSolomonCode.DecodePlan plan = code.planDecode(present);
      int perBatch = Math.max(1, (s + 7) / 8);
      int batches = (s + perBatch - 1) / perBatch;
      Workers.run(batches, StripedCoder::new, (coder, b) -> {
        int first = b * perBatch;
        int count = Math.min(s, first + perBatch) - first;
        int[] bases = new int[n];
        Arrays.fill(bases, first * ss);
        coder.decode(code, plan, new SymbolLayout(ss, count), src, bases, ss, dst, bases, ss);
      });
    }
    byte[] out = new byte[(int) length];
    for (int r = 0; r < dataRows; r++) {
      int at = r * rowBytes;
      System.arraycopy(rows[r], 0, out, at, (int) Math.min(rowBytes, length - at));
    }
    return out;
  }

  /**
   * The hash of each sliver, as {@link SliverVerifier} would compute it; slivers must have the
   * shape of one blob's (all of one symbol size). Slivers of an axis are expanded together.
   */
  public List<Node> hashes(List<SliverData> slivers) {
    Node[] out = new Node[slivers.size()];
    for (SliverType type : SliverType.values()) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < slivers.size(); i++) {
        if (slivers.get(i).type() == type) {
          positions.add(i);
        }
      }
      if (!positions.isEmpty()) {
        hashAxis(slivers, positions, type, out);
      }
    }
    return Arrays.asList(out);
  }

  private void hashAxis(List<SliverData> slivers, List<Integer> positions, SliverType type, Node[] out) {
    int ss = slivers.get(positions.getFirst()).symbolSize();
    int k = config.sourceSymbols(type);
    for (int i : positions) {
      SliverData sliver = slivers.get(i);
      if (sliver.symbolSize() != ss || sliver.symbolCount() != k || sliver.index() >= n) {
        throw new InvalidSliverException("sliver " + sliver + " does not have the shape of this blob's " + type.urlName()
            + " slivers (" + k + " symbols of " + ss + " bytes)");
      }
    }
    ReedSolomonCode code = type == SliverType.PRIMARY ? config.secondaryCode() : config.primaryCode();
    int perBatch = batchSize(n * ss, ROW_BATCH_BYTES);
    int batches = (positions.size() + perBatch - 1) / perBatch;
    Workers.run(batches, Scratch::new, (scratch, b) -> {
      int first = b * perBatch;
      int count = Math.min(positions.size(), first + perBatch) - first;
      int expandedBytes = n * ss;
      byte[] expanded = scratch.buffer(count * expandedBytes);
      for (int q = 0; q < count; q++) {
        SliverData sliver = slivers.get(positions.get(first + q));
        System.arraycopy(sliver.array(), 0, expanded, q * expandedBytes, k * ss);
      }
      expand(scratch.coder, code, expanded, 0, expandedBytes, count, ss);
      for (int q = 0; q < count; q++) {
        out[positions.get(first + q)] = scratch.roots.root(expanded, q * expandedBytes, ss, n, ss, scratch.leaves(n));
      }
    });
  }

  /**
   * Expands {@code count} codewords of {@code code} held in {@code buf}: codeword {@code q} starts
   * at {@code off + q·rowStride}, its {@code k} source symbols first; the recovery symbols are
   * written after them.
   */
  private static void expand(StripedCoder coder, ReedSolomonCode code, byte[] buf, int off, int rowStride, int count,
      int ss) {
    int k = code.originals();
    int r = code.recoveries();
    byte[][] src = new byte[k][];
    int[] srcBases = new int[k];
    for (int i = 0; i < k; i++) {
      src[i] = buf;
      srcBases[i] = off + i * ss;
    }
    byte[][] dst = new byte[r][];
    int[] dstBases = new int[r];
    for (int t = 0; t < r; t++) {
      dst[t] = buf;
      dstBases[t] = off + (k + t) * ss;
    }
    coder.encode(code, new SymbolLayout(ss, count), src, srcBases, rowStride, dst, dstBases, rowStride);
  }

  /** Per-thread tools and buffers. */
  private static final class Scratch {
    final StripedCoder coder = new StripedCoder();
    final MerkleRoots roots = new MerkleRoots();
    private byte[] buffer = new byte[0];
    private byte[] leaves = new byte[0];

    byte[] buffer(int bytes) {
      if (buffer.length < bytes) {
        buffer = new byte[bytes];
      }
      return buffer;
    }

    byte[] leaves(int count) {
      if (leaves.length < (count + 1) * Node.LENGTH) {
        leaves = new byte[(count + 1) * Node.LENGTH];
      }
      return leaves;
    }
  }

  /** One encoding. */
  private final class Run {
    private final byte[] blob;
    private final Runnable checkpoint;
    private final int ss;
    private final int rowBytes;
    /** Source rows holding blob bytes; the rows after them are all padding (zero). */
    private final int dataRows;
    /** The last data row, zero-padded, when the blob ends inside it. */
    private final byte[] lastRow;
    /** Per data row, its row's recovery symbols {@code X[r][s..n)}, {@code f·ss} bytes a row. */
    private byte[] rowRecovery;

    Run(byte[] blob, Runnable checkpoint) {
      this.blob = blob;
      this.checkpoint = checkpoint;
      this.ss = config.symbolSize(blob.length);
      this.rowBytes = s * ss;
      this.dataRows = (int) Math.min(p, ((long) blob.length + rowBytes - 1) / rowBytes);
      if (dataRows > 0 && (long) dataRows * rowBytes > blob.length) {
        lastRow = Arrays.copyOfRange(blob, (dataRows - 1) * rowBytes, dataRows * rowBytes);
      } else {
        lastRow = null;
      }
    }

    List<HashedSliver> encode(int[] primary, int[] secondary) {
      VectorizationProvider.awaitGfKernels();
      VectorizationProvider.awaitHashing();
      boolean needRowRecovery = (primary.length > 0 && primary[0] < dataRows)
          || (secondary.length > 0 && secondary[secondary.length - 1] >= s);
      if (needRowRecovery) {
        expandDataRows();
      }
      int[] high = Arrays.stream(primary).filter(i -> i >= p).toArray();
      byte[] highRows = new byte[high.length * rowBytes];
      HashedSliver[] columns = new HashedSliver[secondary.length];
      if (high.length > 0 || secondary.length > 0) {
        encodeColumns(high, highRows, secondary, columns);
      }
      HashedSliver[] rows = encodeRows(primary, high, highRows);
      List<HashedSliver> out = new ArrayList<>(rows.length + columns.length);
      out.addAll(Arrays.asList(rows));
      out.addAll(Arrays.asList(columns));
      return out;
    }

    /** Row recovery symbols of every data row, in batches of rows. */
    private void expandDataRows() {
      rowRecovery = new byte[dataRows * f * ss];
      int perBatch = batchSize(rowBytes, ROW_BATCH_BYTES);
      int fullRows = lastRow == null ? dataRows : dataRows - 1;
      int batches = (fullRows + perBatch - 1) / perBatch + (lastRow == null ? 0 : 1);
      ReedSolomonCode code = config.secondaryCode();
      Workers.run(batches, StripedCoder::new, (coder, b) -> {
        checkpoint.run();
        boolean last = lastRow != null && b == batches - 1;
        int r0 = last ? dataRows - 1 : b * perBatch;
        int rows = last ? 1 : Math.min(fullRows, r0 + perBatch) - r0;
        byte[] source = last ? lastRow : blob;
        int base = last ? 0 : r0 * rowBytes;
        byte[][] src = new byte[s][];
        int[] srcBases = new int[s];
        for (int c = 0; c < s; c++) {
          src[c] = source;
          srcBases[c] = base + c * ss;
        }
        byte[][] dst = new byte[f][];
        int[] dstBases = new int[f];
        for (int t = 0; t < f; t++) {
          dst[t] = rowRecovery;
          dstBases[t] = r0 * f * ss + t * ss;
        }
        coder.encode(code, new SymbolLayout(ss, rows), src, srcBases, rowBytes, dst, dstBases, f * ss);
      });
    }

    /**
     * Encodes the columns that are needed — all {@code s} source columns when a primary sliver of
     * a recovery row is wanted, and the wanted secondary slivers' columns — in batches of columns.
     */
    private void encodeColumns(int[] high, byte[] highRows, int[] secondary, HashedSliver[] out) {
      TreeSet<Integer> needed = new TreeSet<>();
      if (high.length > 0) {
        for (int c = 0; c < s; c++) {
          needed.add(c);
        }
      }
      for (int j : secondary) {
        needed.add(j);
      }
      int[] columns = needed.stream().mapToInt(Integer::intValue).toArray();
      int perBatch = batchSize(n * ss, COLUMN_BATCH_BYTES);
      int batches = (columns.length + perBatch - 1) / perBatch;
      ReedSolomonCode code = config.primaryCode();
      Workers.run(batches, Scratch::new, (scratch, b) -> {
        checkpoint.run();
        int first = b * perBatch;
        int m = Math.min(columns.length, first + perBatch) - first;
        int cellRow = m * ss;
        byte[] cells = scratch.buffer(n * cellRow);
        fillSourceCells(columns, first, m, cells);
        byte[][] src = new byte[p][];
        int[] srcBases = new int[p];
        for (int r = 0; r < p; r++) {
          src[r] = cells;
          srcBases[r] = r * cellRow;
        }
        byte[][] dst = new byte[n - p][];
        int[] dstBases = new int[n - p];
        for (int t = 0; t < n - p; t++) {
          dst[t] = cells;
          dstBases[t] = (p + t) * cellRow;
        }
        scratch.coder.encode(code, new SymbolLayout(ss, m), src, srcBases, ss, dst, dstBases, ss);
        for (int q = 0; q < m; q++) {
          int column = columns[first + q];
          int at = Arrays.binarySearch(secondary, column);
          if (at >= 0) {
            byte[] data = new byte[p * ss];
            for (int r = 0; r < p; r++) {
              System.arraycopy(cells, r * cellRow + q * ss, data, r * ss, ss);
            }
            Node hash = scratch.roots.root(cells, q * ss, cellRow, n, ss, scratch.leaves(n));
            out[at] = new HashedSliver(SliverData.wrap(SliverType.SECONDARY, column, ss, data), hash);
          }
          if (column < s) {
            for (int h = 0; h < high.length; h++) {
              System.arraycopy(cells, high[h] * cellRow + q * ss, highRows, h * rowBytes + column * ss, ss);
            }
          }
        }
      });
    }

    /** Writes the {@code p} source cells of columns {@code columns[first, first+m)} into {@code cells}. */
    private void fillSourceCells(int[] columns, int first, int m, byte[] cells) {
      int cellRow = m * ss;
      Arrays.fill(cells, dataRows * cellRow, p * cellRow, (byte) 0);
      for (int q = 0; q < m; ) {
        // A run of consecutive columns on one side of s is copied row by row in one piece.
        int c0 = columns[first + q];
        int run = 1;
        while (q + run < m && columns[first + q + run] == c0 + run && (c0 < s) == (c0 + run < s)) {
          run++;
        }
        for (int r = 0; r < dataRows; r++) {
          int to = r * cellRow + q * ss;
          if (c0 < s) {
            boolean padded = lastRow != null && r == dataRows - 1;
            System.arraycopy(padded ? lastRow : blob, (padded ? 0 : r * rowBytes) + c0 * ss, cells, to, run * ss);
          } else {
            System.arraycopy(rowRecovery, (r * f + c0 - s) * ss, cells, to, run * ss);
          }
        }
        q += run;
      }
    }

    /** The wanted primary slivers: source rows from the blob, recovery rows from the columns. */
    private HashedSliver[] encodeRows(int[] primary, int[] high, byte[] highRows) {
      byte[] highRecovery = new byte[high.length * f * ss];
      if (high.length > 0) {
        int perBatch = batchSize(rowBytes, ROW_BATCH_BYTES);
        int batches = (high.length + perBatch - 1) / perBatch;
        ReedSolomonCode code = config.secondaryCode();
        Workers.run(batches, StripedCoder::new, (coder, b) -> {
          checkpoint.run();
          int h0 = b * perBatch;
          int rows = Math.min(high.length, h0 + perBatch) - h0;
          byte[][] src = new byte[s][];
          int[] srcBases = new int[s];
          for (int c = 0; c < s; c++) {
            src[c] = highRows;
            srcBases[c] = h0 * rowBytes + c * ss;
          }
          byte[][] dst = new byte[f][];
          int[] dstBases = new int[f];
          for (int t = 0; t < f; t++) {
            dst[t] = highRecovery;
            dstBases[t] = h0 * f * ss + t * ss;
          }
          coder.encode(code, new SymbolLayout(ss, rows), src, srcBases, rowBytes, dst, dstBases, f * ss);
        });
      }
      HashedSliver[] out = new HashedSliver[primary.length];
      Node zeroRow = primary.length > 0 && primary[primary.length - 1] >= dataRows
          ? new MerkleRoots().zeroRoot(n, ss) : null;
      Workers.run(primary.length, Scratch::new, (scratch, t) -> {
        checkpoint.run();
        int i = primary[t];
        byte[] data;
        Node hash;
        if (i >= dataRows && i < p) {
          data = new byte[rowBytes];
          hash = zeroRow;
        } else {
          byte[] leaves = scratch.leaves(n);
          if (i < p) {
            boolean padded = lastRow != null && i == dataRows - 1;
            data = padded ? lastRow.clone() : Arrays.copyOfRange(blob, i * rowBytes, (i + 1) * rowBytes);
            scratch.roots.leafHashes(data, 0, ss, s, ss, leaves, 0);
            scratch.roots.leafHashes(rowRecovery, i * f * ss, ss, f, ss, leaves, s * Node.LENGTH);
          } else {
            int h = Arrays.binarySearch(high, i);
            data = Arrays.copyOfRange(highRows, h * rowBytes, (h + 1) * rowBytes);
            scratch.roots.leafHashes(data, 0, ss, s, ss, leaves, 0);
            scratch.roots.leafHashes(highRecovery, h * f * ss, ss, f, ss, leaves, s * Node.LENGTH);
          }
          hash = scratch.roots.rootOfLeaves(leaves, n, ss);
        }
        out[t] = new HashedSliver(SliverData.wrap(SliverType.PRIMARY, i, ss, data), hash);
      });
      return out;
    }
  }

  /** How many items of {@code itemBytes} fit a batch of {@code budget} bytes (at least one, at most 256). */
  private static int batchSize(int itemBytes, int budget) {
    return Math.max(1, Math.min(256, budget / Math.max(1, itemBytes)));
  }

  private int[] sortedDistinct(Collection<Integer> indices) {
    int[] out = new TreeSet<>(indices).stream().mapToInt(Integer::intValue).toArray();
    for (int i : out) {
      if (i < 0 || i >= n) {
        throw new IllegalArgumentException("sliver index " + i + " is out of range for " + n + " shards");
      }
    }
    return out;
  }
}
