package dev.walrus.core.encoding;

import dev.walrus.core.rs.StripedCoder;

import dev.walrus.core.hash.MerkleTree;
import dev.walrus.core.hash.Node;
import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.core.rs.SymbolLayout;
import java.util.Arrays;

/**
 * RedStuff's two-dimensional expansion of one blob and the hashes of every cell (spec §4, §7),
 * computed without ever holding the {@code n × n} expanded matrix or the blob itself.
 *
 * <ol>
 *   <li>Row expansion: each source row {@code r < p} is encoded with the secondary code, giving
 *       {@code X[r][s..n)}. These {@code p·f} symbols (about half the blob) go to the spill, column
 *       by column: column {@code j ≥ s}'s {@code p} cells are secondary sliver {@code j}, read
 *       whole by the column phase and by the upload.
 *   <li>Column expansion, a batch of columns at a time: the {@code p} source cells of each column
 *       are encoded with the primary code, giving {@code X[p..n)[c]}; then every one of the
 *       {@code n} cells of those columns is hashed, and each column's Merkle root is its
 *       secondary sliver hash. When slivers are wanted, the recovery rows' cells {@code X[p..n)[c <
 *       s]} go to the spill too (about twice the blob): they are the primary slivers {@code i ≥ p},
 *       and each is complete only when the last column is done.
 *   <li>Row roots: the Merkle root over each row's {@code n} leaf hashes is the primary sliver
 *       hash.
 * </ol>
 *
 * Each phase is split into independent batches spread over the cores. The blob is read through a
 * {@link BlobSource} and the computed symbols kept in a {@link Spill}, so the heap holds only
 * {@code 32·n²} bytes of leaf hashes and a few cache-sized buffers per core, whatever the blob's
 * size. Every sliver is then read from the source or the spill: nothing is encoded twice.
 */
final class TwoDimensionalEncoding implements AutoCloseable {
  /** Upper bound on one column batch's buffer of {@code n} rows. */
  private static final int COLUMN_BATCH_BYTES = 8 << 20;
  private static final int ROW_ROOT_GROUP = 64;

  private final EncodingConfig config;
  private final BlobSource blob;
  private final long length;
  private final int n;
  private final int p;
  private final int s;
  private final int f;
  private final int ss;
  private final boolean keepSlivers;

  private final int rowsPerBatch;
  /**
   * The rows' recovery symbols column by column, {@code X[r][s+k]} at {@code (k·p + r)·ss}, then,
   * with slivers kept, the recovery rows {@code X[p+t][0..s)} at {@link #recoveryRowsAt}{@code +
   * t·s·ss}.
   */
  private final Spill spill;
  private final long recoveryRowsAt;
  /** Per column: the leaf hashes of its {@code n} cells, with one spare slot. */
  private byte[][] columnLeaves;
  private Node[] columnRoots;
  private Node[] rowRoots;

  TwoDimensionalEncoding(EncodingConfig config, BlobSource blob, boolean keepSlivers, SpillSpace space) {
    this.config = config;
    this.blob = blob;
    this.length = blob.size();
    this.ss = config.symbolSize(length);
    this.n = config.nShards();
    this.p = config.primarySymbols();
    this.s = config.secondarySymbols();
    this.f = config.f();
    this.keepSlivers = keepSlivers;
    int stripe = StripedCoder.stripeBlocks(config.secondaryCode().encodeWorkPositions());
    this.rowsPerBatch = Math.min(symbolsPerStripe(ss, stripe), ceilDiv(p, 2 * cores()));
    this.recoveryRowsAt = (long) p * f * ss;
    this.spill = space.allocate(spillBytes(config, length, keepSlivers));
  }

  /** The spill an encoding of {@code length} bytes needs. */
  static long spillBytes(EncodingConfig config, long length, boolean keepSlivers) {
    long ss = config.symbolSize(length);
    long rowRecovery = (long) config.primarySymbols() * config.f() * ss;
    long recoveryRows = keepSlivers ? 2L * config.f() * config.secondarySymbols() * ss : 0;
    return rowRecovery + recoveryRows;
  }

  /** With {@code -Dwalrus.codec.trace=true}, each encoding prints its phase times to stderr. */
  private static final boolean TRACE = Boolean.getBoolean("walrus.codec.trace");

  /** Runs all three phases. */
  TwoDimensionalEncoding run() {
    long t0 = System.nanoTime();
    long t1;
    long t2;
    long t3;
    try {
      VectorizationProvider.awaitGfKernels();
      expandRows();
      t1 = System.nanoTime();
      VectorizationProvider.awaitHashing();
      expandColumns();
      t2 = System.nanoTime();
      hashRows();
      t3 = System.nanoTime();
    } catch (RuntimeException | Error e) {
      spill.close();
      throw e;
    }
    columnLeaves = null;
    if (!keepSlivers) {
      spill.close();
    }
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
    int rowBytes = s * ss;
    Workers.run(
        batches,
        () -> new RowScratch(new StripedCoder(), new byte[rowsPerBatch * rowBytes], new byte[rowsPerBatch * f * ss]),
        (scratch, b) -> {
          int r0 = b * rowsPerBatch;
          int rows = Math.min(p, r0 + rowsPerBatch) - r0;
          readBlob((long) r0 * rowBytes, scratch.rows, 0, rows * rowBytes);
          byte[] recovery = scratch.recovery;
          byte[][] src = fill(new byte[s][], scratch.rows);
          int[] srcBases = multiples(s, ss, 0);
          // Column-major output: the batch's cells of recovery column k are contiguous.
          byte[][] dst = fill(new byte[f][], recovery);
          int[] dstBases = multiples(f, rows * ss, 0);
          scratch.coder.encode(
              config.secondaryCode(), new SymbolLayout(ss, rows), src, srcBases, rowBytes, dst, dstBases, ss);
          for (int k = 0; k < f; k++) {
            spill.write(((long) k * p + r0) * ss, recovery, k * rows * ss, rows * ss);
          }
        });
  }

  private record RowScratch(StripedCoder coder, byte[] rows, byte[] recovery) {}

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
    Workers.run(
        batches,
        () -> new ColumnScratch(new StripedCoder(), new byte[n * columnsPerBatch * ss],
            new byte[p * columnsPerBatch * ss], VectorizationProvider.newBlake2bBatch()),
        (scratch, b) -> expandColumnBatch(scratch, b * columnsPerBatch, Math.min(n, (b + 1) * columnsPerBatch)));
  }

  /** {@code columns}: recovery columns as the spill holds them, before they are spread into {@code cells}' rows. */
  private record ColumnScratch(StripedCoder coder, byte[] cells, byte[] columns, Blake2bBatch hasher) {}

  private void expandColumnBatch(ColumnScratch scratch, int c0, int c1) {
    int m = c1 - c0;
    int rowBytes = m * ss;
    byte[] cells = scratch.cells;
    int blobEnd = Math.min(c1, s);
    int recStart = Math.max(c0, s);
    if (c0 < blobEnd) {
      for (int r = 0; r < p; r++) {
        readBlob(((long) r * s + c0) * ss, cells, r * rowBytes, (blobEnd - c0) * ss);
      }
    }
    if (recStart < c1) {
      // Recovery columns are whole in the spill: one read, then each cell to its row.
      int columns = c1 - recStart;
      spill.read((long) (recStart - s) * p * ss, scratch.columns, 0, columns * p * ss);
      for (int k = 0; k < columns; k++) {
        int to = (recStart - c0 + k) * ss;
        for (int r = 0; r < p; r++) {
          System.arraycopy(scratch.columns, (k * p + r) * ss, cells, r * rowBytes + to, ss);
        }
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
    if (keepSlivers && c0 < blobEnd) {
      for (int t = 0; t < recoveries; t++) {
        spill.write(recoveryRowsAt + ((long) t * s + c0) * ss, cells, (p + t) * rowBytes, (blobEnd - c0) * ss);
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
    return primarySliver(i, new byte[s * ss]);
  }

  /** Primary sliver {@code i} into {@code out}, of exactly its length. */
  byte[] primarySliver(int i, byte[] out) {
    checkLength(out, s);
    if (i >= p) {
      checkSlivers();
      spill.read(recoveryRowsAt + (long) (i - p) * s * ss, out, 0, out.length);
    } else {
      readBlob((long) i * s * ss, out, 0, out.length);
    }
    return out;
  }

  /** Secondary sliver {@code j}: column {@code j}, first {@code p} rows. */
  byte[] secondarySliver(int j) {
    return secondarySliver(j, new byte[p * ss]);
  }

  /** Secondary sliver {@code j} into {@code out}, of exactly its length. */
  byte[] secondarySliver(int j, byte[] out) {
    checkSlivers();
    checkLength(out, p);
    if (j >= s) {
      spill.read((long) (j - s) * p * ss, out, 0, out.length);
      return out;
    }
    for (int r = 0; r < p; r++) {
      readBlob(((long) r * s + j) * ss, out, r * ss, ss);
    }
    return out;
  }

  private void checkLength(byte[] out, int symbols) {
    if (out.length != symbols * ss) {
      throw new IllegalArgumentException("a buffer of " + out.length + " bytes for a sliver of " + symbols * ss);
    }
  }

  private void checkSlivers() {
    if (!keepSlivers) {
      throw new IllegalStateException("encoding ran without keeping slivers");
    }
  }

  /** Frees the spill (deletes its temporary file); slivers cannot be read afterwards. */
  @Override
  public void close() {
    spill.close();
  }

  // ---------------------------------------------------------------------------------------------

  /** Copies blob bytes {@code [from, from+len)} to {@code dst}, zero past the blob's end. */
  private void readBlob(long from, byte[] dst, int dstOff, int len) {
    long available = Math.max(0, Math.min(len, length - from));
    if (available > 0) {
      blob.read(from, dst, dstOff, (int) available);
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
