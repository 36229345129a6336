package dev.walrus.core.encoding;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;

/**
 * A cell of the expanded matrix: the intersection of primary sliver {@code primaryIndex} (row) and
 * secondary sliver {@code secondaryIndex} (column). BCS: two u16; text: {@code "<primary>-<secondary>"}.
 */
public record SymbolId(int primaryIndex, int secondaryIndex) {

  public SymbolId {
    if (primaryIndex < 0 || primaryIndex > 0xFFFF || secondaryIndex < 0 || secondaryIndex > 0xFFFF) {
      throw new IllegalArgumentException("symbol ID indices must be u16: " + primaryIndex + "-" + secondaryIndex);
    }
  }

  /** Parses {@code "<primary>-<secondary>"}. */
  public static SymbolId parse(String text) {
    int dash = text.indexOf('-');
    try {
      if (dash <= 0) {
        throw new NumberFormatException();
      }
      return new SymbolId(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid symbol ID '" + text + "': expected <primary>-<secondary>");
    }
  }

  public void writeBcs(BcsWriter w) {
    w.u16(primaryIndex).u16(secondaryIndex);
  }

  public static SymbolId readBcs(BcsReader r) {
    return new SymbolId(r.u16(), r.u16());
  }

  @Override
  public String toString() {
    return primaryIndex + "-" + secondaryIndex;
  }
}
