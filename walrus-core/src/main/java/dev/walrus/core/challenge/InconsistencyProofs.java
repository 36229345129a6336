package dev.walrus.core.challenge;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.encoding.DecodingSymbol;
import dev.walrus.core.encoding.InconsistencyProof;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.hash.MerkleProof;
import java.util.ArrayList;
import java.util.List;

/** Reads an untagged {@link InconsistencyProof} in the middle of a larger message. */
final class InconsistencyProofs {
  private InconsistencyProofs() {}

  static InconsistencyProof read(SliverType targetType, BcsReader r) {
    int target = r.u16();
    int count = r.length(4);
    List<RecoverySymbol> symbols = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      DecodingSymbol d = DecodingSymbol.readBcs(r);
      symbols.add(new RecoverySymbol(targetType, d, target, MerkleProof.readBcs(r)));
    }
    return new InconsistencyProof(targetType, target, symbols);
  }
}
