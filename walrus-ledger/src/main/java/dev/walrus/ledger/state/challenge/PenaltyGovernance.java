package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import dev.walrus.ledger.state.staking.EpochState;
import dev.walrus.ledger.state.staking.StakingState;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The governance vote on penalty sizes (WP2 §6.4; spec/challenges.md §8.6). Until {@code
 * voting_end} members propose sizes (checked against the constraints) and vote for one proposal
 * or the status quo, one live vote each, weighted by their pool's stake for the next epoch. At
 * {@code voting_end}, if votes cast weigh at least a third of the committee's stake, an option
 * holding more than half of them wins and applies from the next epoch; otherwise — ties
 * included — nothing changes.
 */
final class PenaltyGovernance {
  private final ChallengeTables t;

  PenaltyGovernance(ChallengeTables t) {
    this.t = t;
  }

  void propose(TxContext ctx, Operation.PenaltyPropose op) {
    ObjectId node = member(ctx, op.nodeCap());
    String bad = op.params().violation();
    Abort.check(bad == null, ChallengeErrors.MODULE, ChallengeErrors.PENALTY_CONSTRAINTS, "penalties: " + bad);
    t.proposals.put(node, new PenaltyProposal(t.staking.state().epoch(), op.params()));
  }

  void vote(TxContext ctx, Operation.PenaltyVote op) {
    ObjectId node = member(ctx, op.nodeCap());
    int e = t.staking.state().epoch();
    if (op.proposal().isPresent()) {
      Abort.check(find(e, op.proposal().get()).isPresent(), ChallengeErrors.MODULE, ChallengeErrors.MALFORMED,
          "no proposal of epoch " + e + " has digest " + HexFormat.of().formatHex(op.proposal().get()));
    }
    t.votes.put(node, new PenaltyVote(e, op.proposal()));
  }

  /** At {@code voting_end}: the winner, if any, becomes the next epoch's parameters. */
  void tally() {
    StakingState s = t.staking.state();
    int e = s.epoch();
    Committee c = s.committee();
    BigInteger committeeStake = BigInteger.ZERO;
    BigInteger cast = BigInteger.ZERO;
    Map<String, BigInteger> tally = new LinkedHashMap<>();
    Map<String, PenaltyParams> options = new LinkedHashMap<>();
    for (Committee.Member m : c.members()) {
      BigInteger stake = BigInteger.valueOf(t.staking.stakeAt(m.nodeId(), e + 1));
      committeeStake = committeeStake.add(stake);
      Optional<PenaltyVote> v = t.votes.find(m.nodeId()).filter(x -> x.epoch() == e);
      if (v.isEmpty()) {
        continue;
      }
      String option = v.get().proposal().map(HexFormat.of()::formatHex).orElse("");
      v.get().proposal().flatMap(d -> find(e, d)).ifPresent(p -> options.put(option, p));
      cast = cast.add(stake);
      tally.merge(option, stake, BigInteger::add);
    }
    if (cast.signum() == 0 || cast.multiply(BigInteger.valueOf(3)).compareTo(committeeStake) < 0) {
      return;
    }
    for (var entry : tally.entrySet()) {
      if (entry.getValue().shiftLeft(1).compareTo(cast) > 0) {
        PenaltyParams winner = options.get(entry.getKey());
        Governance g = t.gov();
        t.governance.set(g.withParams(g.params(), Optional.ofNullable(winner)));
        return;
      }
    }
  }

  private Optional<PenaltyParams> find(int epoch, byte[] digest) {
    return t.proposals.view().values().stream()
        .filter(p -> p.epoch() == epoch && Arrays.equals(PenaltyProposal.digest(p.params()), digest))
        .map(PenaltyProposal::params).findFirst();
  }

  /** The sender's node, a member of the current committee, while voting is open. */
  private ObjectId member(TxContext ctx, ObjectId capId) {
    StorageNodeCap cap = t.ledger.objects().requireOwned(ctx, capId, StorageNodeCap.class);
    StakingState s = t.staking.state();
    Abort.check(s.inCommittee(cap.nodeId()), ChallengeErrors.MODULE, ChallengeErrors.NOT_MEMBER,
        "node " + cap.nodeId() + " is not in the committee of epoch " + s.epoch());
    Abort.check(!(s.state() instanceof EpochState.ParamsSelected), ChallengeErrors.MODULE, ChallengeErrors.WRONG_TIME,
        "voting on penalties ended with voting_end of epoch " + s.epoch());
    return cap.nodeId();
  }
}
