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
 * <p>Storage challenges tilt it (spec/challenges.md §8.1): a member with {@code failed_i} failed
 * shards is paid {@code floor(paid_i · pot / X)} with {@code paid_i = (shards_i − failed_i) · (U −
 * deny_i)}, while {@code X} stays the sum over all shards. What its failed shards would have
 * earned is withheld and burned, never shared among the others: redistributing it would pay
 * nodes for reporting their peers as failed (WP1 §6.1).
 *
 * @param rewards every member's reward (zeros included), in node-ID order
 * @param withheld every member's forfeited reward (zeros included): to burn
 * @param leftover the undistributed rest of the pot
 */
public record RewardDistribution(SortedMap<ObjectId, Long> rewards, SortedMap<ObjectId, Long> withheld, long leftover) {
  private static final int U128_BITS = 128;

  /**
   * Shares {@code pot} (already net of the burn) among {@code committee}. {@code denyListSizes}
   * are the bytes each node declared it refuses to store (absent = 0).
   */
  public static RewardDistribution compute(
      long pot, long usedCapacity, Committee committee, Map<ObjectId, Long> denyListSizes) {
    return compute(pot, usedCapacity, committee, denyListSizes, Map.of());
  }

  /** As above, with each member's failed shards ({@code 0 ≤ failed ≤ shards}; absent = 0). */
  public static RewardDistribution compute(
      long pot, long usedCapacity, Committee committee, Map<ObjectId, Long> denyListSizes,
      Map<ObjectId, Integer> failedShards) {
    BigInteger[] stored = new BigInteger[committee.members().size()];
    BigInteger[] paid = new BigInteger[stored.length];
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < stored.length; i++) {
      Committee.Member m = committee.members().get(i);
      long deny = Math.min(denyListSizes.getOrDefault(m.nodeId(), 0L), usedCapacity);
      stored[i] = BigInteger.valueOf(m.weight()).multiply(BigInteger.valueOf(usedCapacity - deny));
      int failed = failedShards.getOrDefault(m.nodeId(), 0);
      if (failed < 0 || failed > m.weight()) {
        throw new IllegalArgumentException(m.nodeId() + " cannot fail " + failed + " of " + m.weight() + " shards");
      }
      paid[i] = BigInteger.valueOf(m.weight() - failed).multiply(BigInteger.valueOf(usedCapacity - deny));
      total = u128(total.add(stored[i]));
    }
    total = total.max(BigInteger.ONE);
    BigInteger value = BigInteger.valueOf(pot);
    TreeMap<ObjectId, Long> rewards = new TreeMap<>();
    TreeMap<ObjectId, Long> withheld = new TreeMap<>();
    long left = pot;
    for (int i = 0; i < stored.length; i++) {
      long would = u128(stored[i].multiply(value)).divide(total).longValueExact();
      long reward = u128(paid[i].multiply(value)).divide(total).longValueExact();
      left = Checked.sub(left, would);
      rewards.put(committee.members().get(i).nodeId(), reward);
      withheld.put(committee.members().get(i).nodeId(), would - reward);
    }
    return new RewardDistribution(
        Collections.unmodifiableSortedMap(rewards), Collections.unmodifiableSortedMap(withheld), left);
  }

  /** Move's u128 arithmetic aborts past 2^128. */
  private static BigInteger u128(BigInteger v) {
    if (v.bitLength() > U128_BITS) {
      throw new Abort(Checked.MODULE, 0, "u128 overflow in the reward distribution");
    }
    return v;
  }
}
