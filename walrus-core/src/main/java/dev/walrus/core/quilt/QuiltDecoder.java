package dev.walrus.core.quilt;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the index and patches out of a {@link ColumnSource}. The quilt is user data and is not
 * trusted: every length is checked against the columns it may occupy before anything is read or
 * allocated, so a lying header yields a {@link QuiltException}, never a wrong read or a huge buffer.
 */
final class QuiltDecoder {
  private QuiltDecoder() {}

  /**
   * @throws QuiltException {@link Reason#UNSUPPORTED_VERSION} or {@link Reason#MALFORMED_INDEX}
   * @throws MissingColumnsException if the source lacks column 0 or the further index columns
   */
  static QuiltIndex index(ColumnSource source) {
    long columnSize = source.columnSize();
    long quiltSize = columnSize * source.columnCount();
    if (quiltSize < QuiltFormat.INDEX_PREFIX_SIZE) {
      throw new QuiltException(Reason.MALFORMED_INDEX, "quilt of " + quiltSize + " bytes is too small for an index");
    }
    byte[] prefix = source.read(0, 0, QuiltFormat.INDEX_PREFIX_SIZE);
    int version = prefix[0] & 0xFF;
    if (version != QuiltFormat.VERSION) {
      throw new QuiltException(Reason.UNSUPPORTED_VERSION,
          "unsupported quilt version " + version + ", expected " + QuiltFormat.VERSION);
    }
    long size = u32(prefix, 1);
    long max = Math.min(columnSize * QuiltFormat.MAX_INDEX_COLUMNS, quiltSize) - QuiltFormat.INDEX_PREFIX_SIZE;
    if (size > max) {
      throw new QuiltException(Reason.MALFORMED_INDEX,
          "quilt index claims " + size + " bytes, at most " + max + " fit in its columns");
    }
    byte[] bcs = source.read(0, QuiltFormat.INDEX_PREFIX_SIZE, (int) size);
    int firstColumn = (int) QuiltFormat.columnsFor(QuiltFormat.INDEX_PREFIX_SIZE + size, columnSize);
    return QuiltIndex.fromBcs(bcs, firstColumn, source.columnCount());
  }

  /** The columns the index occupies, known once column 0 is read; {@code [0, 1)} before that. */
  static int indexColumns(ColumnSource source) {
    byte[] prefix = source.read(0, 0, QuiltFormat.INDEX_PREFIX_SIZE);
    long columns = QuiltFormat.columnsFor(QuiltFormat.INDEX_PREFIX_SIZE + u32(prefix, 1), source.columnSize());
    return (int) Math.min(columns, Math.min(QuiltFormat.MAX_INDEX_COLUMNS, source.columnCount()));
  }

  /**
   * The file stored in columns {@code [start, end)}.
   *
   * @throws QuiltException {@link Reason#PATCH_NOT_FOUND} if the range lies outside the quilt,
   *     {@link Reason#UNSUPPORTED_VERSION} or {@link Reason#MALFORMED_PATCH} if the patch is bad,
   *     {@link Reason#TOO_LARGE} if its data exceeds a Java array
   * @throws MissingColumnsException if the source lacks a column of the patch
   */
  static QuiltFile patch(ColumnSource source, int start, int end) {
    if (start < 0 || end > source.columnCount() || start >= end) {
      throw new QuiltException(Reason.PATCH_NOT_FOUND,
          "no patch at columns [" + start + ", " + end + "): the quilt has " + source.columnCount() + " columns");
    }
    long available = (long) (end - start) * source.columnSize();
    if (available < QuiltFormat.PATCH_HEADER_SIZE) {
      throw malformed(start, "its columns hold " + available + " bytes, fewer than a header");
    }
    PatchHeader header = PatchHeader.fromBytes(source.read(start, 0, QuiltFormat.PATCH_HEADER_SIZE));
    long streamEnd = QuiltFormat.PATCH_HEADER_SIZE + header.length();
    if (streamEnd > available) {
      throw malformed(start, "its header claims " + header.length() + " bytes, its columns hold "
          + (available - QuiltFormat.PATCH_HEADER_SIZE));
    }
    long offset = QuiltFormat.PATCH_HEADER_SIZE;
    int idLength = u16(source, start, offset, streamEnd, "identifier length");
    offset += 2;
    String identifier = bcsString(source.read(start, offset, checkedLength(idLength, offset, streamEnd, start)), start);
    offset += idLength;
    SortedMap<String, String> tags = new TreeMap<>();
    if (header.hasTags()) {
      int tagsLength = u16(source, start, offset, streamEnd, "tags length");
      offset += 2;
      tags = bcsTags(source.read(start, offset, checkedLength(tagsLength, offset, streamEnd, start)), start);
      offset += tagsLength;
    }
    long dataLength = streamEnd - offset;
    if (dataLength > Integer.MAX_VALUE - 8) {
      throw new QuiltException(Reason.TOO_LARGE, "patch '" + identifier + "' has " + dataLength
          + " bytes, more than fits in memory here");
    }
    byte[] data = source.read(start, offset, (int) dataLength);
    try {
      return QuiltFile.wrap(identifier, tags, data);
    } catch (QuiltException e) {
      throw malformed(start, e.getMessage());
    }
  }

  private static int u16(ColumnSource source, int start, long offset, long streamEnd, String what) {
    if (offset + 2 > streamEnd) {
      throw malformed(start, "it ends before its " + what);
    }
    byte[] b = source.read(start, offset, 2);
    return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
  }

  private static int checkedLength(int length, long offset, long streamEnd, int start) {
    if (offset + length > streamEnd) {
      throw malformed(start, "a length field of " + length + " runs past the patch's end");
    }
    return length;
  }

  private static String bcsString(byte[] bytes, int start) {
    try {
      BcsReader r = new BcsReader(bytes);
      String s = r.string();
      r.finish();
      return s;
    } catch (BcsException e) {
      throw malformed(start, "its identifier is not a BCS string: " + e.getMessage());
    }
  }

  private static SortedMap<String, String> bcsTags(byte[] bytes, int start) {
    try {
      BcsReader r = new BcsReader(bytes);
      SortedMap<String, String> tags = TagsBcs.read(r);
      r.finish();
      return tags;
    } catch (BcsException e) {
      throw malformed(start, "its tags are not a BCS map of strings: " + e.getMessage());
    }
  }

  private static long u32(byte[] b, int off) {
    return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
  }

  private static QuiltException malformed(int start, String why) {
    return new QuiltException(Reason.MALFORMED_PATCH, "malformed quilt patch at column " + start + ": " + why);
  }
}
