package dev.walrus.core.quilt;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * BCS of a {@code BTreeMap<String, String>} as Rust's {@code bcs} crate writes it: the entries
 * sorted by their serialized keys (length prefix first, so shorter keys come first) and, when
 * reading, refused unless strictly in that order — BCS has one encoding per map.
 */
final class TagsBcs {
  private TagsBcs() {}

  static void write(BcsWriter w, Map<String, String> tags) {
    List<byte[][]> entries = new ArrayList<>(tags.size());
    for (Map.Entry<String, String> e : tags.entrySet()) {
      entries.add(new byte[][] {serializedString(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8)});
    }
    entries.sort(Comparator.comparing((byte[][] e) -> e[0], Arrays::compareUnsigned));
    w.uleb128(entries.size());
    for (byte[][] e : entries) {
      w.fixedBytes(e[0]).bytes(e[1]);
    }
  }

  static byte[] toBytes(Map<String, String> tags) {
    BcsWriter w = new BcsWriter();
    write(w, tags);
    return w.toByteArray();
  }

  /** Reads a map, checking canonical order; keys and values must be UTF-8. */
  static SortedMap<String, String> read(BcsReader r) {
    int count = r.length(2);
    SortedMap<String, String> out = new TreeMap<>(QuiltIdentifiers.UTF8_ORDER);
    byte[] previous = null;
    for (int i = 0; i < count; i++) {
      int start = r.position();
      String key = r.string();
      byte[] keyBytes = serializedString(key);
      if (previous != null && Arrays.compareUnsigned(previous, keyBytes) >= 0) {
        throw new BcsException("non-canonical map: key at offset " + start + " is not after the previous key");
      }
      previous = keyBytes;
      out.put(key, r.string());
    }
    return out;
  }

  private static byte[] serializedString(String s) {
    return new BcsWriter().string(s).toByteArray();
  }
}
