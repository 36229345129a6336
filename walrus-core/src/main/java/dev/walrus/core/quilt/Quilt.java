package dev.walrus.core.quilt;

import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole quilt blob: its bytes (the row-major {@code n_rows × n_cols} symbol matrix), its symbol
 * size and its index. Built by {@link QuiltEncoder} or parsed from a blob read back whole with
 * {@link #fromBlob}; patches are read from the matrix column-major.
 */
public final class Quilt implements ColumnSource {
  private final EncodingConfig config;
  private final byte[] data;
  private final int symbolSize;
  private final QuiltIndex index;

  /** Takes ownership of {@code data}. */
  Quilt(EncodingConfig config, byte[] data, int symbolSize, QuiltIndex index) {
    this.config = config;
    this.data = data;
    this.symbolSize = symbolSize;
    this.index = index;
  }

  /**
   * Parses a quilt blob read in full.
   *
   * @throws QuiltException {@link Reason#NOT_A_QUILT} if its length is not a whole matrix for
   *     this shard count; {@link Reason#UNSUPPORTED_VERSION} or {@link Reason#MALFORMED_INDEX} if
   *     its index is bad
   */
  public static Quilt fromBlob(EncodingConfig config, byte[] blob) {
    long cells = (long) QuiltFormat.rows(config) * QuiltFormat.columns(config);
    if (blob.length == 0 || blob.length % cells != 0) {
      throw new QuiltException(Reason.NOT_A_QUILT, "a blob of " + blob.length + " bytes is not a quilt for "
          + config.nShards() + " shards: its length must be a positive multiple of " + cells);
    }
    Quilt parsed = new Quilt(config, blob.clone(), (int) (blob.length / cells), null);
    return new Quilt(config, parsed.data, parsed.symbolSize, QuiltDecoder.index(parsed));
  }

  /** The blob to store: a copy of the quilt's bytes. */
  public byte[] bytes() {
    return data.clone();
  }

  /** The quilt's bytes without copying; the caller must not modify them. */
  public byte[] bytesUnsafe() {
    return data;
  }

  public int symbolSize() {
    return symbolSize;
  }

  public QuiltIndex index() {
    return index;
  }

  public EncodingConfig config() {
    return config;
  }

  /**
   * The file in the patch at these columns (a patch ID's internal part).
   *
   * @throws QuiltException if no patch starts there or the patch is malformed
   */
  public QuiltFile patch(QuiltPatchId.Internal id) {
    return QuiltDecoder.patch(this, id.startIndex(), id.endIndex());
  }

  /** The file of an index entry. */
  public QuiltFile patch(QuiltPatch patch) {
    return QuiltDecoder.patch(this, patch.startIndex(), patch.endIndex());
  }

  /**
   * @throws QuiltException ({@link Reason#PATCH_NOT_FOUND}) if no patch has this identifier
   */
  public QuiltFile file(String identifier) {
    return patch(index.byIdentifier(identifier).orElseThrow(() -> new QuiltException(Reason.PATCH_NOT_FOUND,
        "no patch with identifier '" + identifier + "' in the quilt")));
  }

  /** Every file in quilt order. */
  public List<QuiltFile> files() {
    List<QuiltFile> out = new ArrayList<>(index.patches().size());
    for (QuiltPatch p : index.patches()) {
      out.add(patch(p));
    }
    return out;
  }

  @Override
  public int columnSize() {
    return symbolSize * QuiltFormat.rows(config);
  }

  @Override
  public int columnCount() {
    return QuiltFormat.columns(config);
  }

  @Override
  public byte[] read(int startColumn, long skip, int length) {
    byte[] out = new byte[length];
    ColumnMajor.runs(symbolSize, QuiltFormat.rows(config), columnCount(), startColumn, skip, length,
        (at, to, n) -> System.arraycopy(data, at, out, to, n));
    return out;
  }
}
