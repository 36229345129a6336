package dev.walrus.node.state;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;

/**
 * Where a ledger event came from: its transaction digest (all zeros for the ledger's own actions)
 * and its global sequence number. It is what Walrus calls an {@code EventID}.
 */
public record EventRef(byte[] txDigest, long sequence) {

  public EventRef {
    if (txDigest.length != 32) {
      throw new IllegalArgumentException("transaction digest must be 32 bytes");
    }
    txDigest = txDigest.clone();
  }

  @Override
  public byte[] txDigest() {
    return txDigest.clone();
  }

  void write(BcsWriter w) {
    w.fixedBytes(txDigest).u64(sequence);
  }

  static EventRef read(BcsReader r) {
    return new EventRef(r.fixedBytes(32), r.u64());
  }
}
