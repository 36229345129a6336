package dev.walrus.ledger.state.staking;

import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.StakingTestLedger;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import dev.walrus.ledger.state.staking.StakingFixtures.Node;

/** Moving a test ledger through the epoch cycle. */
final class Epochs {
  private Epochs() {}

  /** Every given node in the current committee that has not yet done so reports sync done. */
  static void syncDone(StakingTestLedger l, Node... nodes) {
    int epoch = l.staking.epoch();
    for (Node n : nodes) {
      StorageNodeCap cap = (StorageNodeCap) l.services.objects().find(n.cap());
      if (l.staking.committee().indexOf(n.id()) >= 0 && cap.lastEpochSyncDone() < epoch) {
        l.ok(n.operator(), new Operation.EpochSyncDone(n.cap(), epoch));
      }
    }
  }

  static void toVotingEnd(StakingTestLedger l) {
    l.tickTo(l.staking.epochStatus().votingEndMs().orElseThrow());
  }

  static void toEpochChange(StakingTestLedger l) {
    l.tickTo(l.staking.epochStatus().epochChangeMs().orElseThrow());
  }

  /** Completes the current epoch change with all nodes and runs the next one. */
  static void nextEpoch(StakingTestLedger l, Node... nodes) {
    syncDone(l, nodes);
    toVotingEnd(l);
    toEpochChange(l);
  }
}
