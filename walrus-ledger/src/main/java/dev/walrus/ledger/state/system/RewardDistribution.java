package dev.walrus.ledger.state.system;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a finished epoch's pot is shared among its committee (ledger.md §5.8, Move's {@code
 * advance_epoch}): node {@code i} gets {@code floor(x_i · pot / max(Σx, 1))} with {@code x_i =
 * shards_i · (U − min(deny_i, U))} in u128, {@code U} the bytes reserved for the epoch. What the
 * floors leave over rolls into the next epoch's pot; with {@code U = 0} nobody is paid.
 *
 * @param rewards every member's reward (zeros included), in node-ID order
 * @param leftover the undistributed rest of the pot
 */
public record RewardDistribution(SortedMap<ObjectId, Long> rewards, long leftover) {
  private static final int U128_BITS = 128;

  /**
   * Shares {@code pot} (already net of the burn) among {@code committee}. {@code denyListSizes}
   * are the bytes each node declared it refuses to store (absent = 0).
   */
  public static RewardDistribution compute(
      long pot, long usedCapacity, Committee committee, Map<ObjectId, Long> denyListSizes) {
    BigInteger[] stored = new BigInteger[committee.members().size()];
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < stored.length; i++) {
      Committee.Member m = committee.members().get(i);
      long deny = Math.min(denyListSizes.getOrDefault(m.nodeId(), 0L), usedCapacity);
      stored[i] = BigInteger.valueOf(m.weight()).multiply(BigInteger.valueOf(usedCapacity - deny));
      total = u128(total.add(stored[i]));
    }
    total = total.max(BigInteger.ONE);
    BigInteger value = BigInteger.valueOf(pot);
    TreeMap<ObjectId, Long> rewards = new TreeMap<>();
    long left = pot;
    for (int i = 0; i < stored.length; i++) {
      long reward = u128(stored[i].multiply(value)).divide(total).longValueExact();
      left = Checked.sub(left, reward);
      rewards.put(committee.members().get(i).nodeId(), reward);
    }
    return new RewardDistribution(Collections.unmodifiableSortedMap(rewards), left);
  }

  /** Move's u128 arithmetic aborts past 2^128. */
  private static BigInteger u128(BigInteger v) {
    if (v.bitLength() > U128_BITS) {
      throw new Abort(Checked.MODULE, 0, "u128 overflow in the reward distribution");
    }
    return v;
  }
}
