package dev.walrus.core.encoding;

import dev.walrus.core.rs.StripedCoder;

import dev.walrus.core.hash.MerkleTree;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.SymbolLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * RedStuff's two-dimensional expansion of one blob and the hashes of every cell (spec §4, §7),
 * computed without ever holding the {@code n × n} expanded matrix.
 *
 * <ol>
 *   <li>Row expansion: each source row {@code r < p} is encoded with the secondary code, giving
 *       {@code X[r][s..n)}. These {@code p·f} symbols are kept: the column phase needs them.
 *   <li>Column expansion, a batch of columns at a time: the {@code p} source cells of each column
 *       are encoded with the primary code, giving {@code X[p..n)[c]}; then every one of the
 *       {@code n} cells of those columns is hashed, and each column's Merkle root is its
 *       secondary sliver hash. The recovery rows are dropped unless the caller wants slivers.
 *   <li>Row roots: the Merkle root over each row's {@code n} leaf hashes is the primary sliver
 *       hash.
 * </ol>
 *
 * Each phase is split into independent batches spread over the cores. Peak memory is the blob,
 * the row recovery ({@code ≈ blob/2}), {@code 32·n²} bytes of leaf hashes and a few cache-sized
 * buffers per core.
 */
final class TwoDimensionalEncoding {
  /** Upper bound on one column batch's buffer of {@code n} rows. */
  private static final int COLUMN_BATCH_BYTES = 8 << 20;
  private static final int ROW_ROOT_GROUP = 64;

  private final EncodingConfig config;
  private final MemorySegment blob;
  private final long length;
  private final int n;
  private final int p;
  private final int s;
  private final int f;
  private final int ss;
  private final boolean keepPrimaryRecovery;

  private final int rowsPerBatch;
  /** Per row batch: its rows' recovery symbols {@code X[r][s..n)}, {@code f·ss} bytes per row. */
  private byte[][] rowRecovery;
  /** Per column: the leaf hashes of its {@code n} cells, with one spare slot. */
  private byte[][] columnLeaves;
  private Node[] columnRoots;
  private Node[] rowRoots;
  /** Rows {@code p..n-1} restricted to the first {@code s} columns, when slivers are wanted. */
  private byte[][] primaryRecovery;

  TwoDimensionalEncoding(EncodingConfig config, MemorySegment blob, boolean keepPrimaryRecovery) {
    this.config = config;
    this.blob = blob;
    this.length = blob.byteSize();
    this.ss = config.symbolSize(length);
    this.n = config.nShards();
    this.p = config.primarySymbols();
    this.s = config.secondarySymbols();
    this.f = config.f();
    this.keepPrimaryRecovery = keepPrimaryRecovery;
    int stripe = StripedCoder.stripeBlocks(config.secondaryCode().encodeWorkPositions());
    this.rowsPerBatch = Math.min(symbolsPerStripe(ss, stripe), ceilDiv(p, 2 * cores()));
  }

  /** With {@code -Dwalrus.codec.trace=true}, each encoding prints its phase times to stderr. */
  private static final boolean TRACE = Boolean.getBoolean("walrus.codec.trace");

  /** Runs all three phases. */
  TwoDimensionalEncoding run() {
    long t0 = System.nanoTime();
    VectorizationProvider.awaitGfKernels();
    expandRows();
    long t1 = System.nanoTime();
    VectorizationProvider.awaitHashing();
    expandColumns();
    long t2 = System.nanoTime();
    hashRows();
    long t3 = System.nanoTime();
    columnLeaves = null;
    if (TRACE) {
      System.err.printf(
          "walrus codec: n=%d, %d bytes, symbol size %d: rows %.1f ms, columns %.1f ms, row roots %.1f ms%n",
          n, length, ss, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
    return this;
  }

  int symbolSize() {
    return ss;
  }

  BlobMetadata metadata() {
    SliverPairMetadata[] pairs = new SliverPairMetadata[n];
    for (int i = 0; i < n; i++) {
      pairs[i] = new SliverPairMetadata(rowRoots[i], columnRoots[n - 1 - i]);
    }
    return new BlobMetadata(EncodingType.RS2, length, Arrays.asList(pairs));
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 1: rows

  private void expandRows() {
    int batches = ceilDiv(p, rowsPerBatch);
    rowRecovery = new byte[batches][];
    int rowBytes = s * ss;
    Workers.run(
        batches,
        () -> new RowScratch(new StripedCoder(), new byte[rowsPerBatch * rowBytes]),
        (scratch, b) -> {
          int r0 = b * rowsPerBatch;
          int rows = Math.min(p, r0 + rowsPerBatch) - r0;
          readBlob((long) r0 * rowBytes, scratch.rows, 0, rows * rowBytes);
          byte[] recovery = new byte[rows * f * ss];
          byte[][] src = fill(new byte[s][], scratch.rows);
          int[] srcBases = multiples(s, ss, 0);
          byte[][] dst = fill(new byte[f][], recovery);
          int[] dstBases = multiples(f, ss, 0);
          scratch.coder.encode(
              config.secondaryCode(), new SymbolLayout(ss, rows), src, srcBases, rowBytes, dst, dstBases, f * ss);
          rowRecovery[b] = recovery;
        });
  }

  private record RowScratch(StripedCoder coder, byte[] rows) {}

  // ---------------------------------------------------------------------------------------------
  // Phase 2: columns

  private void expandColumns() {
    int stripe = StripedCoder.stripeBlocks(config.primaryCode().encodeWorkPositions());
    int perBatch = Math.min(symbolsPerStripe(ss, stripe), ceilDiv(n, 2 * cores()));
    perBatch = Math.max(1, Math.min(perBatch, COLUMN_BATCH_BYTES / (n * ss)));
    int columnsPerBatch = perBatch;
    int batches = ceilDiv(n, columnsPerBatch);
    columnLeaves = new byte[n][];
    columnRoots = new Node[n];
    if (keepPrimaryRecovery) {
      primaryRecovery = new byte[2 * f][s * ss];
    }
    Workers.run(
        batches,
        () -> new ColumnScratch(
            new StripedCoder(), new byte[n * columnsPerBatch * ss], VectorizationProvider.newBlake2bBatch()),
        (scratch, b) -> expandColumnBatch(scratch, b * columnsPerBatch, Math.min(n, (b + 1) * columnsPerBatch)));
  }

  private record ColumnScratch(StripedCoder coder, byte[] cells, Blake2bBatch hasher) {}

  private void expandColumnBatch(ColumnScratch scratch, int c0, int c1) {
    int m = c1 - c0;
    int rowBytes = m * ss;
    byte[] cells = scratch.cells;
    int blobEnd = Math.min(c1, s);
    int recStart = Math.max(c0, s);
    for (int r = 0; r < p; r++) {
      if (c0 < blobEnd) {
        readBlob(((long) r * s + c0) * ss, cells, r * rowBytes, (blobEnd - c0) * ss);
      }
      if (recStart < c1) {
        byte[] rec = rowRecovery[r / rowsPerBatch];
        int recOff = ((r % rowsPerBatch) * f + (recStart - s)) * ss;
        System.arraycopy(rec, recOff, cells, r * rowBytes + (recStart - c0) * ss, (c1 - recStart) * ss);
      }
    }
    int recoveries = n - p;
    scratch.coder.encode(
        config.primaryCode(), new SymbolLayout(ss, m),
        fill(new byte[p][], cells), multiples(p, rowBytes, 0), ss,
        fill(new byte[recoveries][], cells), multiples(recoveries, rowBytes, p * rowBytes), ss);

    for (int j = 0; j < m; j++) {
      byte[] leaves = new byte[(n + 1) * Node.LENGTH];
      scratch.hasher.hash((byte) 0, cells, j * ss, rowBytes, n, ss, leaves, 0);
      columnLeaves[c0 + j] = leaves;
      columnRoots[c0 + j] = MerkleTree.root(leaves, n, scratch.hasher);
    }
    if (keepPrimaryRecovery && c0 < blobEnd) {
      for (int t = 0; t < recoveries; t++) {
        System.arraycopy(cells, (p + t) * rowBytes, primaryRecovery[t], c0 * ss, (blobEnd - c0) * ss);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 3: row roots

  private void hashRows() {
    rowRoots = new Node[n];
    int groups = ceilDiv(n, ROW_ROOT_GROUP);
    Workers.run(
        groups,
        () -> new RowRootScratch(new byte[ROW_ROOT_GROUP][(n + 1) * Node.LENGTH], VectorizationProvider.newBlake2bBatch()),
        (scratch, g) -> {
          int i0 = g * ROW_ROOT_GROUP;
          int rows = Math.min(n, i0 + ROW_ROOT_GROUP) - i0;
          // Transpose a group of rows at a time so each column's hashes are read contiguously.
          for (int c = 0; c < n; c++) {
            byte[] column = columnLeaves[c];
            for (int k = 0; k < rows; k++) {
              System.arraycopy(column, (i0 + k) * Node.LENGTH, scratch.rows[k], c * Node.LENGTH, Node.LENGTH);
            }
          }
          for (int k = 0; k < rows; k++) {
            rowRoots[i0 + k] = MerkleTree.root(scratch.rows[k], n, scratch.hasher);
          }
        });
  }

  private record RowRootScratch(byte[][] rows, Blake2bBatch hasher) {}

  // ---------------------------------------------------------------------------------------------
  // Sliver access after run()

  /** Primary sliver {@code i}: row {@code i}, first {@code s} columns. */
  byte[] primarySliver(int i) {
    if (i >= p) {
      if (primaryRecovery == null) {
        throw new IllegalStateException("encoding ran without keeping slivers");
      }
      return primaryRecovery[i - p].clone();
    }
    byte[] out = new byte[s * ss];
    readBlob((long) i * s * ss, out, 0, out.length);
    return out;
  }

  /** Secondary sliver {@code j}: column {@code j}, first {@code p} rows. */
  byte[] secondarySliver(int j) {
    byte[] out = new byte[p * ss];
    for (int r = 0; r < p; r++) {
      if (j < s) {
        readBlob(((long) r * s + j) * ss, out, r * ss, ss);
      } else {
        byte[] rec = rowRecovery[r / rowsPerBatch];
        System.arraycopy(rec, ((r % rowsPerBatch) * f + (j - s)) * ss, out, r * ss, ss);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** Copies blob bytes {@code [from, from+len)} to {@code dst}, zero past the blob's end. */
  private void readBlob(long from, byte[] dst, int dstOff, int len) {
    long available = Math.max(0, Math.min(len, length - from));
    if (available > 0) {
      MemorySegment.copy(blob, ValueLayout.JAVA_BYTE, from, dst, dstOff, (int) available);
    }
    if (available < len) {
      Arrays.fill(dst, dstOff + (int) available, dstOff + len, (byte) 0);
    }
  }

  /** How many symbols of {@code symbolBytes} fit in one stripe of {@code stripeBlocks} blocks. */
  static int symbolsPerStripe(int symbolBytes, int stripeBlocks) {
    int count = 1;
    while (new SymbolLayout(symbolBytes, count * 2).blocks() <= stripeBlocks) {
      count *= 2;
    }
    return count;
  }

  private static byte[][] fill(byte[][] arrays, byte[] value) {
    Arrays.fill(arrays, value);
    return arrays;
  }

  private static int[] multiples(int count, int step, int start) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = start + i * step;
    }
    return out;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
