package dev.walrus.core.challenge;

import dev.walrus.core.hash.Blake2b256;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The epoch's challenge seed (spec/challenges.md §4.3): {@code H("wj/chal/seed/v1" ‖ u32 e ‖
 * parent_state_root ‖ u16 m ‖ (node_id ‖ beacon_sig)×m)} over the acks applied so far, in
 * ascending node-ID order.
 *
 * <p>BLS signatures are unique, so a member cannot grind its share, and nobody knows it before
 * the member publishes it. The remaining bias — the block proposer orders the crossing block, a
 * Byzantine member may withhold its ack — gives the adversary a bounded number of seed choices
 * (§4.5); the parent state root only stops a seed from being precomputed before its block.
 */
public final class ChallengeSeed {
  private static final byte[] TAG = "wj/chal/seed/v1".getBytes(StandardCharsets.US_ASCII);

  private ChallengeSeed() {}

  /**
   * @param acks the acks applied so far, sorted by node ID ascending (checked)
   */
  public static byte[] compute(long epoch, byte[] parentStateRoot, List<BeaconAck> acks) {
    if (parentStateRoot.length != 32) {
      throw new IllegalArgumentException("a state root has 32 bytes, got " + parentStateRoot.length);
    }
    if (acks.size() > 0xFFFF) {
      throw new IllegalArgumentException("more than 65535 acks");
    }
    Blake2b256 h = new Blake2b256().update(TAG).update(ChallengePrf.u32(epoch)).update(parentStateRoot)
        .update(ChallengePrf.u16(acks.size()));
    for (int i = 0; i < acks.size(); i++) {
      if (i > 0 && acks.get(i - 1).nodeId().compareTo(acks.get(i).nodeId()) >= 0) {
        throw new IllegalArgumentException("acks must be sorted by node ID without duplicates");
      }
      h.update(acks.get(i).nodeId().bytes()).update(acks.get(i).signature().bytes());
    }
    return h.digest();
  }
}
