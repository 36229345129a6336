package dev.walrus.ledger.state.staking;

import dev.walrus.core.bcs.Bcs;

/**
 * Move's {@code EpochState} (ledger.md §4.1): where the current epoch is in its cycle. Epoch
 * boundaries are anchored to the time the previous change completed ({@code timeMs}), not to a
 * fixed schedule, so the ledger reproduces Walrus's drift by the sync latency. Variant indices
 * follow the Move enum.
 */
public sealed interface EpochState {

  /** Shards are moving to the new committee; {@code weight} shards have reported sync done. */
  @Bcs.Variant(0)
  record ChangeSync(@Bcs.U16 int weight) implements EpochState {}

  /** The epoch change completed at {@code timeMs} (genesis: the genesis time). */
  @Bcs.Variant(1)
  record ChangeDone(long timeMs) implements EpochState {}

  /** {@code voting_end} selected the next committee; {@code timeMs} is carried over. */
  @Bcs.Variant(2)
  record ParamsSelected(long timeMs) implements EpochState {}
}
