package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.TxContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Slashing by committee vote (ledger.md §7): members holding a quorum of shards may, within one
 * epoch, burn a node's entire commission balance. Delegators' principal is never touched; the
 * deterrent is the operator's uncollected and still-blocked commission, which is why commission
 * stays blocked until {@code voting_end} after each epoch change.
 */
final class Slashing {
  private final StakingStore store;
  private final JournaledMap<ObjectId, SlashingProposal> proposals;

  Slashing(StakingStore store) {
    this.store = store;
    this.proposals = store.ledger.store().map("staking.slashing", ObjectId.class, SlashingProposal.class);
  }

  SortedMap<ObjectId, SlashingProposal> proposals() {
    return proposals.view();
  }

  /**
   * {@code vote_for_slashing}: the sender must be the voter's governance-authorized address and
   * the voter a current committee member; its weight is its shards. Self-votes are allowed.
   */
  void vote(TxContext ctx, Operation.VoteForSlashing op) {
    StakingPool voter = store.pools.require(op.voterNodeId());
    Abort.check(voter.commission().governanceAuthorized().equals(ctx.sender()), StakingErrors.SLASHING,
        StakingErrors.NOT_AUTHORIZED, ctx.sender() + " may not vote for node " + op.voterNodeId());
    StakingState s = store.state();
    int weight = s.committee().weightOf(op.voterNodeId());
    Abort.check(s.inCommittee(op.voterNodeId()), StakingErrors.STAKING_INNER, StakingErrors.NOT_IN_COMMITTEE,
        "node " + op.voterNodeId() + " is not in the committee");
    SlashingProposal p = proposals.get(op.candidateNodeId());
    if (p == null || p.epoch() != s.epoch()) {
      p = new SlashingProposal(s.epoch(), 0, List.of());
    }
    Abort.check(!p.voters().contains(op.voterNodeId()), StakingErrors.SLASHING, StakingErrors.DUPLICATE_VOTE,
        "node " + op.voterNodeId() + " already voted to slash " + op.candidateNodeId());
    List<ObjectId> voters = new ArrayList<>(p.voters());
    voters.add(op.voterNodeId());
    proposals.put(op.candidateNodeId(), new SlashingProposal(s.epoch(), p.votingWeight() + weight, voters));
  }

  /**
   * {@code execute_slashing} (anyone): the proposal must be of this epoch and have a quorum; it
   * is consumed, the node's commission burnt (blocked or not) and {@code NodeSlashed} emitted.
   */
  void execute(TxContext ctx, Operation.ExecuteSlashing op) {
    SlashingProposal p = proposals.get(op.candidateNodeId());
    Abort.check(p != null, StakingErrors.SLASHING, StakingErrors.NO_PROPOSAL_FOR_NODE,
        "no slashing proposal for node " + op.candidateNodeId());
    proposals.remove(op.candidateNodeId());
    int epoch = store.state().epoch();
    Abort.check(p.epoch() == epoch, StakingErrors.SLASHING, StakingErrors.WRONG_EPOCH,
        "slashing proposal is from epoch " + p.epoch());
    Abort.check(QuorumVotes.isQuorum(p.votingWeight(), store.nShards()), StakingErrors.SLASHING,
        StakingErrors.NOT_ENOUGH_VOTES, "slashing proposal has " + p.votingWeight() + " shards of votes");
    StakingPool pool = store.pools.require(op.candidateNodeId());
    long burned = pool.commission().balance();
    store.pools.put(pool.withCommission(pool.commission().withBalance(0, 0)));
    store.ledger.treasury().burn(ctx, epoch, burned);
    ctx.emit(new LedgerEvent.NodeSlashed(epoch, op.candidateNodeId(), burned));
  }

  /** {@code cleanup_slashing_proposals} (anyone): drops the given proposals of past epochs. */
  void cleanup(Operation.CleanupSlashingProposals op) {
    int epoch = store.state().epoch();
    for (ObjectId id : op.candidateNodeIds()) {
      SlashingProposal p = proposals.get(id);
      if (p != null && p.epoch() < epoch) {
        proposals.remove(id);
      }
    }
  }
}
