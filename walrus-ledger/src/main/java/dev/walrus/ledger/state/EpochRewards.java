package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import java.util.SortedMap;

/**
 * What the system pays the ending committee at an epoch change (ledger.md §5.8, tilted by
 * challenge verdicts as spec/challenges.md §8.1 says).
 *
 * @param rewards each member's reward, zeros included, in node-ID order
 * @param withheld what each member's failed shards forfeited (already burned)
 * @param perShardReward {@code r̄ = ⌊pot''/N⌋}, the unit penalty sizes are expressed in
 */
public record EpochRewards(SortedMap<ObjectId, Long> rewards, SortedMap<ObjectId, Long> withheld, long perShardReward) {}
