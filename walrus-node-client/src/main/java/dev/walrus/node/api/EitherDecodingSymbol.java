package dev.walrus.node.api;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.encoding.DecodingSymbol;
import java.util.Objects;

/**
 * A decoding symbol tagged with the axis of the sliver it helps decode (Walrus's {@code
 * EitherDecodingSymbol}). BCS: {@code variant(targetAxis) ‖ u16 index ‖ Vec<u8> data}.
 */
public record EitherDecodingSymbol(SliverType targetAxis, DecodingSymbol symbol) {
  public EitherDecodingSymbol {
    Objects.requireNonNull(targetAxis, "targetAxis");
    Objects.requireNonNull(symbol, "symbol");
  }

  public void writeBcs(BcsWriter w) {
    w.variant(targetAxis.bcsIndex());
    symbol.writeBcs(w);
  }

  public static EitherDecodingSymbol readBcs(BcsReader r) {
    SliverType axis = SliverType.fromBcsIndex(r.variant("EitherDecodingSymbol", 2));
    return new EitherDecodingSymbol(axis, DecodingSymbol.readBcs(r));
  }
}
