package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.List;

/**
 * Move's {@code SlashingProposal}: committee members voting to slash one node in one epoch, with
 * the shards they hold. Votes of an earlier epoch do not count: a vote in a new epoch starts the
 * proposal afresh.
 *
 * @param voters the voting nodes in the order they voted
 */
public record SlashingProposal(int epoch, @Bcs.U16 int votingWeight, List<ObjectId> voters) {
  public SlashingProposal {
    voters = List.copyOf(voters);
  }
}
