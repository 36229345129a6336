package dev.walrus.ledger.state.challenge;

import java.util.List;
import java.util.Optional;

/**
 * What a node declared about its shards in one epoch: when it reported its sync done (and
 * whether that was before the seed), the shards it declared lost before the seed (exempt from
 * data failure, §8.5), and the gained shards whose senders were already charged for failing to
 * hand them over.
 */
public record NodeEpoch(
    Optional<Long> syncDoneAtMs, boolean syncedBeforeSeed, List<Integer> lostBeforeSeed, List<Integer> charged) {
  static final NodeEpoch EMPTY = new NodeEpoch(Optional.empty(), false, List.of(), List.of());

  public NodeEpoch {
    lostBeforeSeed = List.copyOf(lostBeforeSeed);
    charged = List.copyOf(charged);
  }

  NodeEpoch synced(long now, boolean beforeSeed) {
    return syncDoneAtMs.isPresent() ? this : new NodeEpoch(Optional.of(now), beforeSeed, lostBeforeSeed, charged);
  }

  NodeEpoch withLost(List<Integer> lost) {
    return new NodeEpoch(syncDoneAtMs, syncedBeforeSeed, lost, charged);
  }

  NodeEpoch withCharged(List<Integer> shards) {
    return new NodeEpoch(syncDoneAtMs, syncedBeforeSeed, lostBeforeSeed, shards);
  }
}
