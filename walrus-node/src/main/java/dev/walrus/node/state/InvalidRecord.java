package dev.walrus.node.state;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;

/** The blob ID was invalidated on the ledger (an {@code InvalidBlobID} event) in {@code epoch}. */
public record InvalidRecord(int epoch, EventRef event) {

  public byte[] toBytes() {
    BcsWriter w = new BcsWriter(48);
    w.u32(epoch);
    event.write(w);
    return w.toByteArray();
  }

  public static InvalidRecord fromBytes(byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    InvalidRecord record = new InvalidRecord((int) r.u32(), EventRef.read(r));
    r.finish();
    return record;
  }
}
