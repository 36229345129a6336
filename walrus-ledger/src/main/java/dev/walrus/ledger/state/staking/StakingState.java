package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Committee;
import java.util.Optional;

/**
 * The epoch part of Move's {@code StakingInnerV1}: the current epoch, its state, the committees
 * around it and the next epoch's capacity vote. Kept in one cell because these change together
 * at {@code voting_end} and at epoch changes.
 *
 * <p>{@code nextCommittee} already holds the BLS keys the nodes will use in the next epoch (Move
 * keeps them apart in {@code next_epoch_public_keys}), so at the epoch change it simply becomes
 * the current committee. Its presence is Move's "committee selected" flag.
 *
 * @param nextCapacity {@code next_epoch_params.capacity}: the {@code quorum_above} capacity vote
 */
public record StakingState(
    int epoch,
    EpochState state,
    Committee committee,
    Committee previousCommittee,
    Optional<Committee> nextCommittee,
    Optional<Long> nextCapacity) {

  public static StakingState genesis(long genesisTimeMs) {
    return new StakingState(
        0, new EpochState.ChangeDone(genesisTimeMs), Committee.empty(0), Committee.empty(0),
        Optional.empty(), Optional.empty());
  }

  /** Whether {@code voting_end} has run in this epoch (Move's {@code committee_selected}). */
  public boolean committeeSelected() {
    return nextCommittee.isPresent();
  }

  public boolean inCommittee(ObjectId nodeId) {
    return committee.indexOf(nodeId) >= 0;
  }

  public boolean inNextCommittee(ObjectId nodeId) {
    return nextCommittee.map(c -> c.indexOf(nodeId) >= 0).orElse(false);
  }

  /**
   * The epoch whose committee selection a stake change counts for: the next one before {@code
   * voting_end}, the one after it once the next committee is fixed.
   */
  public int selectionEpoch() {
    return state instanceof EpochState.ParamsSelected ? epoch + 2 : epoch + 1;
  }

  public StakingState withState(EpochState newState) {
    return new StakingState(epoch, newState, committee, previousCommittee, nextCommittee, nextCapacity);
  }

  /** After {@code voting_end}: the next committee and capacity are fixed. */
  public StakingState withSelection(Committee next, long capacity, EpochState newState) {
    return new StakingState(epoch, newState, committee, previousCommittee, Optional.of(next), Optional.of(capacity));
  }

  /** The epoch change: the next committee becomes current and the sync starts. */
  public StakingState advanced() {
    Committee next = nextCommittee.orElseThrow();
    return new StakingState(
        epoch + 1, new EpochState.ChangeSync(0), next, committee, Optional.empty(), Optional.empty());
  }
}
