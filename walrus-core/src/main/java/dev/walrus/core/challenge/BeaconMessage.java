package dev.walrus.core.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Objects;

/**
 * {@code BEACON} (0x40), 39 bytes: what member {@code nodeId} signs to contribute its share of
 * epoch {@code epoch}'s challenge seed. Each member's signature on it is unique (BLS), so the
 * share is fixed the moment the key and epoch are, and unknown until published.
 */
public record BeaconMessage(long epoch, ObjectId nodeId) implements ChallengeMessage {
  public static final int LENGTH = 39;

  public BeaconMessage {
    Objects.requireNonNull(nodeId, "nodeId");
  }

  @Override
  public ChallengeIntent intent() {
    return ChallengeIntent.BEACON;
  }

  @Override
  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(LENGTH);
    intent().writeHeader(w, epoch);
    w.fixedBytes(nodeId.bytes());
    return w.toByteArray();
  }

  public static BeaconMessage fromBcs(byte[] bcs) {
    try {
      BcsReader r = new BcsReader(bcs);
      long epoch = ChallengeIntent.BEACON.readHeader(r);
      ObjectId node = ObjectId.of(r.fixedBytes(ObjectId.LENGTH));
      r.finish();
      return new BeaconMessage(epoch, node);
    } catch (BcsException e) {
      throw new BcsException("invalid BEACON message: " + e.getMessage());
    }
  }
}
