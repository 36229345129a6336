package dev.walrus.node.api;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.encoding.RecoverySymbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The body of {@code GET /v1/blobs/{id}/recoverySymbols}: BCS {@code Vec<GeneralRecoverySymbol>},
 * each element in {@link RecoverySymbol}'s own layout.
 */
public final class RecoverySymbols {
  /** Smallest element: variant, u16 index, empty data, u16 target, empty proof. */
  private static final int MIN_SYMBOL_BYTES = 1 + 2 + 1 + 2 + 1;

  private RecoverySymbols() {}

  public static byte[] toBcs(List<RecoverySymbol> symbols) {
    BcsWriter w = new BcsWriter(256);
    w.uleb128(symbols.size());
    for (RecoverySymbol s : symbols) {
      s.writeBcs(w);
    }
    return w.toByteArray();
  }

  /** Decodes the whole body; {@link BcsException} for malformed input or trailing bytes. */
  public static List<RecoverySymbol> fromBcs(byte[] bcs) {
    BcsReader r = new BcsReader(bcs);
    int n = r.length(MIN_SYMBOL_BYTES);
    List<RecoverySymbol> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(RecoverySymbol.readBcs(r));
    }
    r.finish();
    return Collections.unmodifiableList(out);
  }
}
