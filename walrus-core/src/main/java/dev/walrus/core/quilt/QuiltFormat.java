package dev.walrus.core.quilt;

import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.QuiltException.Reason;

/**
 * Constants of QuiltV1 and its symbol-size rule (protocol.md §8). A quilt is an ordinary blob of
 * exactly {@code n_rows · n_cols · symbolSize} bytes, {@code n_rows = n_p} and {@code n_cols = n_s}
 * (the primary and secondary source symbols); byte streams run column-major, so column {@code c}
 * is secondary sliver {@code c}.
 */
public final class QuiltFormat {
  /** The version byte of the index stream, of every patch header and of patch IDs. */
  public static final int VERSION = 1;
  /** Version byte and u32 length before the index's BCS. */
  public static final int INDEX_PREFIX_SIZE = 5;
  /** Version byte, u32 length, mask byte. */
  public static final int PATCH_HEADER_SIZE = 6;
  /** The index may occupy at most this many columns. */
  public static final int MAX_INDEX_COLUMNS = 10;

  private QuiltFormat() {}

  /** Rows of the quilt matrix: symbols per column. */
  public static int rows(EncodingConfig config) {
    return config.primarySymbols();
  }

  /** Columns of the quilt matrix. */
  public static int columns(EncodingConfig config) {
    return config.secondarySymbols();
  }

  /** At most this many files fit in one quilt: one column is the index's at least. */
  public static int maxPatches(EncodingConfig config) {
    return columns(config) - 1;
  }

  /**
   * The smallest even symbol size at which every stream — the index first, then each patch — gets
   * its own whole columns and all fit in {@code nCols} columns, the index in at most {@value
   * #MAX_INDEX_COLUMNS}. A binary search between Walrus's lower and upper bounds, so that the
   * result is Walrus's.
   *
   * @param sizes stream lengths in bytes, the index stream's first
   * @throws QuiltException {@link Reason#TOO_MANY_PATCHES} if there are more streams than columns,
   *     {@link Reason#TOO_LARGE} if the symbol size would exceed 65534
   */
  public static int symbolSize(long[] sizes, int nCols, int nRows) {
    return symbolSize(sizes, nCols, nRows, MAX_INDEX_COLUMNS);
  }

  /** {@link #symbolSize(long[], int, int)} with another index column limit (Walrus's tests vary it). */
  static int symbolSize(long[] sizes, int nCols, int nRows, int maxIndexColumns) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("no streams: the index stream comes first");
    }
    if (sizes.length > nCols) {
      throw new QuiltException(Reason.TOO_MANY_PATCHES, "too many files for one quilt: " + (sizes.length - 1)
          + ", at most " + (nCols - 1) + " with this network's shard count");
    }
    long sum = 0;
    long largest = 0;
    for (long s : sizes) {
      sum = Math.addExact(sum, s);
      largest = Math.max(largest, s);
    }
    long low = Math.max(Math.max(ceilDiv(sum, (long) nCols * nRows), ceilDiv(sizes[0], (long) nRows * maxIndexColumns)),
        ceilDiv(INDEX_PREFIX_SIZE, nRows));
    long high = ceilDiv(largest, (long) (nCols / sizes.length) * nRows);
    while (low < high) {
      long mid = (low + high) / 2;
      if (fits(sizes, nCols, mid * nRows)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    long symbolSize = low + (low & 1);
    if (symbolSize > EncodingConfig.MAX_SYMBOL_SIZE) {
      throw new QuiltException(Reason.TOO_LARGE, "the files do not fit in one quilt: it would need symbols of "
          + symbolSize + " bytes, at most " + EncodingConfig.MAX_SYMBOL_SIZE + "; store fewer or smaller files");
    }
    return (int) symbolSize;
  }

  /** Columns a stream of {@code length} bytes occupies. */
  static long columnsFor(long length, long columnSize) {
    return ceilDiv(length, columnSize);
  }

  private static boolean fits(long[] sizes, int nCols, long columnSize) {
    long used = 0;
    for (long s : sizes) {
      used += ceilDiv(s, columnSize);
    }
    return used <= nCols;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
