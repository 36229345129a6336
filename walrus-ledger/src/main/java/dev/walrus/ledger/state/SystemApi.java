package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import java.util.Map;
import java.util.SortedMap;

/** What the rest of the ledger uses of the system object (storage, prices, reward pots). */
public interface SystemApi {

  /** Creates the genesis state of this module (called once, before the first block). */
  void initGenesis();

  /** Adds FROST to the current epoch's reward pot (transaction fees go there). */
  void depositToCurrentPot(long amount);

  /**
   * The system side of an epoch change (ledger.md §4.6 steps 1 and 3): burns 3 % of the current
   * pot, pops the ring buffer, sets the capacity for the new epoch from {@code capacityVote}, and
   * returns each old-committee member's reward (§5.8), in node-ID order; the undistributed rest
   * goes into the new epoch's pot.
   */
  SortedMap<ObjectId, Long> advanceEpoch(TxContext ctx, Committee oldCommittee, int newEpoch, long capacityVote);

  /**
   * As {@link #advanceEpoch(TxContext, Committee, int, long)}, with the ending epoch's failed
   * shards per member: their share of the pot is withheld and burned (spec/challenges.md §8.1).
   * A system that does not tilt rewards supports only no failures.
   */
  default EpochRewards advanceEpoch(
      TxContext ctx, Committee oldCommittee, int newEpoch, long capacityVote, Map<ObjectId, Integer> failedShards) {
    if (failedShards.values().stream().anyMatch(f -> f > 0)) {
      throw new UnsupportedOperationException("this system does not tilt rewards by challenge verdicts");
    }
    SortedMap<ObjectId, Long> rewards = advanceEpoch(ctx, oldCommittee, newEpoch, capacityVote);
    return new EpochRewards(rewards, java.util.Collections.emptySortedMap(), 0);
  }

  /** Sets the prices {@code update_prices} computed. */
  void setPrices(long storagePrice, long writePrice);

  long storagePrice();

  long writePrice();

  /** FROST held by the system: reward pots of all future epochs and shared-blob funds. */
  long heldFrost();
}
