package dev.walrus.ledger.state.staking;

import java.util.Optional;

/**
 * The epoch as readers see it: number, state, and when the next timed steps become due —
 * {@code votingEndMs} while the current epoch's voting is open, {@code epochChangeMs} until the
 * next epoch starts. Both are empty while an epoch change waits for its sync quorum, because the
 * next epoch is timed from the moment that quorum arrives.
 *
 * @param nextCapacity the capacity vote for the next epoch, once {@code voting_end} has run
 */
public record EpochStatus(
    int epoch, EpochState state, Optional<Long> votingEndMs, Optional<Long> epochChangeMs, Optional<Long> nextCapacity) {}
