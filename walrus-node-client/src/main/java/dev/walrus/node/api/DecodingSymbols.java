package dev.walrus.node.api;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The body of {@code GET /v1/blobs/{id}/decodingSymbols}: for each requested target sliver index,
 * the symbols this node can give towards it. BCS: {@code BTreeMap<u16, Vec<EitherDecodingSymbol>>}
 * = ULEB128 count ‖ (u16 key ‖ vector)* with keys strictly increasing.
 */
public final class DecodingSymbols {
  /** Smallest element: variant, u16 index, empty data. */
  private static final int MIN_SYMBOL_BYTES = 1 + 2 + 1;

  private DecodingSymbols() {}

  public static byte[] toBcs(SortedMap<Integer, List<EitherDecodingSymbol>> symbols) {
    BcsWriter w = new BcsWriter(256);
    w.uleb128(symbols.size());
    for (Map.Entry<Integer, List<EitherDecodingSymbol>> e : symbols.entrySet()) {
      int key = e.getKey();
      if (key < 0 || key > 0xFFFF) {
        throw new BcsException("sliver index " + key + " is not a u16");
      }
      w.u16(key).uleb128(e.getValue().size());
      for (EitherDecodingSymbol s : e.getValue()) {
        s.writeBcs(w);
      }
    }
    return w.toByteArray();
  }

  /** Decodes the whole body; keys out of order, truncation or trailing bytes are errors. */
  public static SortedMap<Integer, List<EitherDecodingSymbol>> fromBcs(byte[] bcs) {
    BcsReader r = new BcsReader(bcs);
    int n = r.length(3);
    TreeMap<Integer, List<EitherDecodingSymbol>> out = new TreeMap<>();
    int previous = -1;
    for (int i = 0; i < n; i++) {
      int key = r.u16();
      if (key <= previous) {
        throw new BcsException("map keys are not strictly increasing: " + key + " after " + previous);
      }
      previous = key;
      int count = r.length(MIN_SYMBOL_BYTES);
      List<EitherDecodingSymbol> list = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        list.add(EitherDecodingSymbol.readBcs(r));
      }
      out.put(key, Collections.unmodifiableList(list));
    }
    r.finish();
    return Collections.unmodifiableSortedMap(out);
  }
}
