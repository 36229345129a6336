package dev.walrus.core.quilt;

import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a QuiltV1 blob byte-identical to Walrus's {@code QuiltEncoderV1}: files sorted by
 * identifier (UTF-8 bytes), each written column-major from a fresh column as {@code header ‖ u16
 * id length ‖ BCS identifier ‖ [u16 tags length ‖ BCS tags] ‖ data}, the index stream in the first
 * columns, the rest zero. The symbol size is {@link QuiltFormat#symbolSize}'s.
 */
public final class QuiltEncoder {
  private final EncodingConfig config;

  public QuiltEncoder(EncodingConfig config) {
    this.config = config;
  }

  /**
   * @throws QuiltException {@link Reason#DUPLICATE_IDENTIFIER}, {@link Reason#TOO_MANY_PATCHES},
   *     {@link Reason#TOO_LARGE} (symbol size above 65534, tags above 64 KiB, a patch above 4 GiB,
   *     or a quilt above what a Java array holds), {@link Reason#INVALID_IDENTIFIER}
   */
  public Quilt encode(List<QuiltFile> files) {
    List<QuiltFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(QuiltFile::identifier, QuiltIdentifiers.UTF8_ORDER));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).identifier().equals(sorted.get(i - 1).identifier())) {
        throw new QuiltException(Reason.DUPLICATE_IDENTIFIER,
            "duplicate identifier '" + sorted.get(i).identifier() + "': identifiers must be unique in a quilt");
      }
    }
    List<byte[]> prefixes = new ArrayList<>(sorted.size());
    long[] sizes = new long[sorted.size() + 1];
    List<QuiltPatch> unplaced = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      QuiltFile f = sorted.get(i);
      byte[] prefix = prefix(f);
      prefixes.add(prefix);
      sizes[i + 1] = (long) prefix.length + f.size();
      unplaced.add(new QuiltPatch(f.identifier(), f.tags(), 0, 0));
    }
    sizes[0] = QuiltFormat.INDEX_PREFIX_SIZE + new QuiltIndex(unplaced).toBcs().length;

    int rows = QuiltFormat.rows(config);
    int columns = QuiltFormat.columns(config);
    int symbolSize = QuiltFormat.symbolSize(sizes, columns, rows);
    long total = (long) rows * columns * symbolSize;
    if (total > Integer.MAX_VALUE - 8) {
      throw new QuiltException(Reason.TOO_LARGE, "the quilt would have " + total
          + " bytes; quilts above 2 GiB are not supported");
    }
    byte[] data = new byte[(int) total];
    long columnSize = (long) rows * symbolSize;
    int column = (int) QuiltFormat.columnsFor(sizes[0], columnSize);
    List<QuiltPatch> placed = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      QuiltFile f = sorted.get(i);
      write(data, symbolSize, column, 0, prefixes.get(i));
      write(data, symbolSize, column, prefixes.get(i).length, f.array());
      int end = column + (int) QuiltFormat.columnsFor(sizes[i + 1], columnSize);
      placed.add(new QuiltPatch(f.identifier(), f.tags(), column, end));
      column = end;
    }
    QuiltIndex index = new QuiltIndex(placed);
    write(data, symbolSize, 0, 0, index.toStream());
    return new Quilt(config, data, symbolSize, index);
  }

  /** Header, identifier and tags of a patch. */
  private static byte[] prefix(QuiltFile f) {
    byte[] identifier = new BcsWriter().string(f.identifier()).toByteArray();
    if (identifier.length >= QuiltIdentifiers.MAX_BYTES) {
      throw new QuiltException(Reason.INVALID_IDENTIFIER, "invalid identifier: its BCS form has "
          + identifier.length + " bytes, at most " + (QuiltIdentifiers.MAX_BYTES - 1) + " fit in a patch ("
          + f.identifier().getBytes(StandardCharsets.UTF_8).length + " UTF-8 bytes)");
    }
    byte[] tags = f.tags().isEmpty() ? null : TagsBcs.toBytes(f.tags());
    if (tags != null && tags.length > 0xFFFF) {
      throw new QuiltException(Reason.TOO_LARGE, "the tags of '" + f.identifier() + "' take " + tags.length
          + " bytes, at most 65535");
    }
    int prefixLength = QuiltFormat.PATCH_HEADER_SIZE + 2 + identifier.length + (tags == null ? 0 : 2 + tags.length);
    long length = (long) prefixLength - QuiltFormat.PATCH_HEADER_SIZE + f.size();
    if (length > PatchHeader.MAX_LENGTH) {
      throw new QuiltException(Reason.TOO_LARGE, "'" + f.identifier() + "' is too large for a quilt patch: "
          + length + " bytes, at most " + PatchHeader.MAX_LENGTH);
    }
    BcsWriter w = new BcsWriter(prefixLength);
    w.fixedBytes(new PatchHeader(length, tags == null ? 0 : PatchHeader.HAS_TAGS).toBytes());
    w.u16(identifier.length).fixedBytes(identifier);
    if (tags != null) {
      w.u16(tags.length).fixedBytes(tags);
    }
    return w.toByteArray();
  }

  /** Writes {@code bytes} into the stream that starts at {@code column}, from stream offset {@code skip}. */
  private void write(byte[] data, int symbolSize, int column, long skip, byte[] bytes) {
    ColumnMajor.runs(symbolSize, QuiltFormat.rows(config), QuiltFormat.columns(config), column, skip, bytes.length,
        (at, from, n) -> System.arraycopy(bytes, from, data, at, n));
  }
}
