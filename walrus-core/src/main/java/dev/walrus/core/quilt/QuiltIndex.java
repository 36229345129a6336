package dev.walrus.core.quilt;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The index at the head of a quilt ({@code QuiltIndexV1}): the patches in column order, which is
 * identifier order. BCS: {@code Vec<{end_index: u16, identifier: String, tags: BTreeMap<String,
 * String>}>}; in the quilt it follows a 5-byte prefix ({@code 0x01 ‖ u32 LE length}) in the first
 * columns.
 */
public record QuiltIndex(List<QuiltPatch> patches) {
  public QuiltIndex {
    patches = List.copyOf(patches);
  }

  /** The first patch with this identifier (a well-formed quilt has at most one). */
  public Optional<QuiltPatch> byIdentifier(String identifier) {
    return patches.stream().filter(p -> p.identifier().equals(identifier)).findFirst();
  }

  /** The patches with tag {@code key} = {@code value}, in quilt order. */
  public List<QuiltPatch> byTag(String key, String value) {
    return patches.stream().filter(p -> p.hasTag(key, value)).toList();
  }

  /** The index's BCS bytes (without the version and length prefix). */
  public byte[] toBcs() {
    BcsWriter w = new BcsWriter();
    w.uleb128(patches.size());
    for (QuiltPatch p : patches) {
      w.u16(p.endIndex()).string(p.identifier());
      TagsBcs.write(w, p.tags());
    }
    return w.toByteArray();
  }

  /** The index stream written to the first columns: {@code 0x01 ‖ u32 LE length ‖ BCS}. */
  byte[] toStream() {
    byte[] bcs = toBcs();
    BcsWriter w = new BcsWriter(bcs.length + QuiltFormat.INDEX_PREFIX_SIZE);
    w.u8(QuiltFormat.VERSION).u32(bcs.length).fixedBytes(bcs);
    return w.toByteArray();
  }

  /**
   * Parses the index's BCS bytes and gives each patch its start column ({@code firstColumn} for the
   * first, the previous end after that).
   *
   * @param columnCount columns in the quilt: every patch must lie within them and be non-empty
   * @throws QuiltException ({@link Reason#MALFORMED_INDEX}) on bad BCS, trailing bytes or a patch
   *     range that is empty or runs past the quilt
   */
  static QuiltIndex fromBcs(byte[] bcs, int firstColumn, int columnCount) {
    List<QuiltPatch> patches = new ArrayList<>();
    try {
      BcsReader r = new BcsReader(bcs);
      int count = r.length(4);
      int start = firstColumn;
      for (int i = 0; i < count; i++) {
        int end = r.u16();
        String identifier = r.string();
        SortedMap<String, String> tags = TagsBcs.read(r);
        if (end <= start || end > columnCount) {
          throw new QuiltException(Reason.MALFORMED_INDEX, "quilt index: patch '" + identifier + "' has columns ["
              + start + ", " + end + "), outside [" + firstColumn + ", " + columnCount + ") or empty");
        }
        patches.add(new QuiltPatch(identifier, tags, start, end));
        start = end;
      }
      r.finish();
    } catch (BcsException e) {
      throw new QuiltException(Reason.MALFORMED_INDEX, "quilt index is not valid BCS: " + e.getMessage());
    }
    return new QuiltIndex(patches);
  }
}
