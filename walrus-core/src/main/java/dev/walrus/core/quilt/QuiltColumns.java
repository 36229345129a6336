package dev.walrus.core.quilt;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Some columns of a quilt, as secondary slivers: secondary sliver {@code c} (for {@code c < n_s})
 * is column {@code c} of the matrix, so a reader fetches only the slivers of the index and of the
 * patches it wants. Reads that touch a column not yet added throw {@link MissingColumnsException}
 * naming the columns to fetch. The slivers should be verified against the quilt's metadata first:
 * this class trusts their bytes, not the quilt's content.
 */
public final class QuiltColumns implements ColumnSource {
  private final EncodingConfig config;
  private final Map<Integer, byte[]> columns = new TreeMap<>();
  private int columnSize = -1;

  public QuiltColumns(EncodingConfig config) {
    this.config = config;
  }

  /**
   * Adds a column.
   *
   * @throws IllegalArgumentException if the sliver is not a systematic secondary sliver
   * @throws QuiltException ({@link Reason#NOT_A_QUILT}) if its length differs from the others'
   */
  public QuiltColumns add(SliverData sliver) {
    if (sliver.type() != SliverType.SECONDARY || sliver.index() >= columnCount()) {
      throw new IllegalArgumentException("quilt columns are secondary slivers 0.." + (columnCount() - 1)
          + ", got " + sliver.type().urlName() + " sliver " + sliver.index());
    }
    if (columnSize >= 0 && sliver.length() != columnSize) {
      throw new QuiltException(Reason.NOT_A_QUILT, "secondary sliver " + sliver.index() + " has " + sliver.length()
          + " bytes, the others " + columnSize);
    }
    columnSize = sliver.length();
    columns.put(sliver.index(), sliver.dataCopy());
    return this;
  }

  public boolean has(int column) {
    return columns.containsKey(column);
  }

  /**
   * The quilt's index.
   *
   * @throws MissingColumnsException naming column 0, or the further columns the index spans
   * @throws QuiltException if the index is malformed
   */
  public QuiltIndex index() {
    return QuiltDecoder.index(this);
  }

  /**
   * The columns the index occupies ({@code [0, k)}), known from column 0 alone.
   *
   * @throws MissingColumnsException if column 0 has not been added
   */
  public int indexColumns() {
    return QuiltDecoder.indexColumns(this);
  }

  /**
   * The file in the patch at these columns.
   *
   * @throws MissingColumnsException naming the patch's columns not yet added
   * @throws QuiltException if the range lies outside the quilt or the patch is malformed
   */
  public QuiltFile patch(QuiltPatchId.Internal id) {
    if (id.endIndex() <= columnCount()) {
      requireAll(id.startIndex(), id.endIndex());
    }
    return QuiltDecoder.patch(this, id.startIndex(), id.endIndex());
  }

  /** The file of an index entry (see {@link #patch(QuiltPatchId.Internal)}). */
  public QuiltFile patch(QuiltPatch patch) {
    return patch(patch.internalId());
  }

  @Override
  public int columnSize() {
    if (columnSize < 0) {
      throw new MissingColumnsException(List.of(0));
    }
    return columnSize;
  }

  @Override
  public int columnCount() {
    return QuiltFormat.columns(config);
  }

  @Override
  public byte[] read(int startColumn, long skip, int length) {
    byte[] out = new byte[length];
    if (length == 0) {
      return out;
    }
    int size = columnSize();
    int first = (int) (startColumn + skip / size);
    int last = (int) (startColumn + (skip + length - 1) / size);
    requireAll(first, last + 1);
    int column = first;
    int within = (int) (skip % size);
    int pos = 0;
    while (pos < length) {
      int n = Math.min(size - within, length - pos);
      System.arraycopy(columns.get(column), within, out, pos, n);
      pos += n;
      within = 0;
      column++;
    }
    return out;
  }

  private void requireAll(int from, int to) {
    List<Integer> missing = new ArrayList<>();
    for (int c = from; c < to; c++) {
      if (!columns.containsKey(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingColumnsException(missing);
    }
  }
}
