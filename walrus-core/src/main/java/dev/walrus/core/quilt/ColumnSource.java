package dev.walrus.core.quilt;

/**
 * Quilt bytes read column-major: the stream that starts at a column continues down that column's
 * rows, then into the next column. Implemented over the whole blob and over secondary slivers.
 */
interface ColumnSource {
  /** Bytes per column: {@code n_rows · symbolSize}. */
  int columnSize();

  /** Columns in the quilt: {@code n_s}. */
  int columnCount();

  /**
   * {@code length} bytes of the stream starting at column {@code startColumn}, after skipping
   * {@code skip} bytes. The caller keeps the range within the quilt.
   *
   * @throws MissingColumnsException if the range touches columns this source does not have
   */
  byte[] read(int startColumn, long skip, int length);
}
