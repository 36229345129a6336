package dev.walrus.core.quilt;

/**
 * Where a column-major stream lies in the row-major matrix: a stream starting at column {@code c}
 * fills symbol rows {@code 0..rows−1} of column {@code c}, then of {@code c+1}, and so on. Shared
 * by the encoder (writing) and the whole-blob reader.
 */
final class ColumnMajor {
  /** A run of {@code length} bytes at {@code matrixOffset} holding stream bytes from {@code streamOffset}. */
  interface Run {
    void accept(int matrixOffset, int streamOffset, int length);
  }

  private ColumnMajor() {}

  /**
   * Calls {@code run} for each piece (at most one symbol long) of the {@code length} stream bytes
   * after {@code skip}, in order; stream offsets are relative to {@code skip}.
   */
  static void runs(int symbolSize, int rows, int columns, int startColumn, long skip, int length, Run run) {
    long rowSize = (long) symbolSize * columns;
    long symbol = skip / symbolSize;
    int within = (int) (skip % symbolSize);
    long column = startColumn + symbol / rows;
    int row = (int) (symbol % rows);
    int pos = 0;
    while (pos < length) {
      int n = Math.min(symbolSize - within, length - pos);
      run.accept((int) (row * rowSize + column * symbolSize + within), pos, n);
      pos += n;
      within = 0;
      if (++row == rows) {
        row = 0;
        column++;
      }
    }
  }
}
