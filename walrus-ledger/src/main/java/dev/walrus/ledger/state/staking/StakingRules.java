package dev.walrus.ledger.state.staking;

import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.RuleModule;
import dev.walrus.ledger.state.StakingApi;
import dev.walrus.ledger.state.TxContext;
import java.util.Set;

/** PLACEHOLDER being replaced by the staking/epoch rules (issue 3 work in progress). */
public final class StakingRules implements StakingApi, RuleModule {
  private final LedgerServices ledger;

  public StakingRules(LedgerServices ledger) {
    this.ledger = ledger;
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return Set.of(
        Operation.RegisterCandidate.class, Operation.StakeWithPool.class, Operation.RequestWithdrawStake.class,
        Operation.WithdrawStake.class, Operation.SplitStakedWal.class, Operation.JoinStakedWal.class,
        Operation.SetNextCommission.class, Operation.CollectCommission.class, Operation.SetStoragePriceVote.class,
        Operation.SetWritePriceVote.class, Operation.SetNodeCapacityVote.class, Operation.SetNextPublicKey.class,
        Operation.UpdateNodeInfo.class, Operation.TryJoinActiveSet.class, Operation.EpochSyncDone.class,
        Operation.UpdatePrices.class, Operation.SetCommissionReceiver.class, Operation.SetGovernanceAuthorized.class,
        Operation.VoteForSlashing.class, Operation.ExecuteSlashing.class, Operation.CleanupSlashingProposals.class,
        Operation.VotingEnd.class, Operation.InitiateEpochChange.class);
  }

  @Override
  public void execute(TxContext ctx, Operation operation) {
    throw new Abort("staking", 255, "not implemented yet");
  }

  @Override
  public void initGenesis() {}

  @Override
  public int epoch() {
    return 0;
  }

  @Override
  public Committee committee() {
    return Committee.empty(0);
  }

  @Override
  public Committee previousCommittee() {
    return Committee.empty(0);
  }

  @Override
  public void onBlockStart(TxContext ctx) {}

  @Override
  public long heldFrost() {
    return 0;
  }
}
