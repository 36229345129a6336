package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.RuleModule;
import dev.walrus.ledger.state.StakingApi;
import dev.walrus.ledger.state.TxContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Walrus's staking object (ledger.md §4–§8): storage-node registration, delegated stake,
 * committee selection, the epoch cycle, price and capacity votes, commission and slashing.
 *
 * <p>This class only routes operations to the rule classes and offers the read methods the rest
 * of the ledger and the HTTP API use; the rules live in {@link NodeOperations}, {@link
 * StakeOperations}, {@link EpochStateMachine} and {@link Slashing}, over the tables of {@link
 * StakingStore}.
 */
public final class StakingRules implements StakingApi, RuleModule {
  private final StakingStore store;
  private final NodeOperations nodes;
  private final StakeOperations stakes;
  private final EpochStateMachine epochs;
  private final Slashing slashing;

  public StakingRules(LedgerServices ledger) {
    this.store = new StakingStore(ledger);
    this.nodes = new NodeOperations(store);
    this.stakes = new StakeOperations(store);
    this.epochs = new EpochStateMachine(store);
    this.slashing = new Slashing(store);
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
    switch (operation) {
      case Operation.RegisterCandidate op -> nodes.register(ctx, op);
      case Operation.UpdateNodeInfo op -> nodes.updateNodeInfo(ctx, op);
      case Operation.SetNextPublicKey op -> nodes.setNextPublicKey(ctx, op);
      case Operation.SetNextCommission op -> nodes.setNextCommission(ctx, op);
      case Operation.CollectCommission op -> nodes.collectCommission(ctx, op);
      case Operation.SetCommissionReceiver op -> nodes.setCommissionReceiver(ctx, op);
      case Operation.SetGovernanceAuthorized op -> nodes.setGovernanceAuthorized(ctx, op);
      case Operation.SetStoragePriceVote op -> nodes.setVote(ctx, op.nodeCap(), v -> v.withStoragePrice(op.price()));
      case Operation.SetWritePriceVote op -> nodes.setVote(ctx, op.nodeCap(), v -> v.withWritePrice(op.price()));
      case Operation.SetNodeCapacityVote op -> nodes.setVote(ctx, op.nodeCap(), v -> v.withNodeCapacity(op.capacity()));
      case Operation.TryJoinActiveSet op -> nodes.tryJoinActiveSet(ctx, op);
      case Operation.StakeWithPool op -> stakes.stake(ctx, op);
      case Operation.RequestWithdrawStake op -> stakes.requestWithdraw(ctx, op);
      case Operation.WithdrawStake op -> stakes.withdraw(ctx, op);
      case Operation.SplitStakedWal op -> stakes.split(ctx, op);
      case Operation.JoinStakedWal op -> stakes.join(ctx, op);
      case Operation.EpochSyncDone op -> epochs.epochSyncDone(ctx, op);
      case Operation.UpdatePrices _ -> epochs.updatePrices(ctx);
      case Operation.VotingEnd _ -> epochs.votingEnd(ctx);
      case Operation.InitiateEpochChange _ -> epochs.initiateEpochChange(ctx);
      case Operation.VoteForSlashing op -> slashing.vote(ctx, op);
      case Operation.ExecuteSlashing op -> slashing.execute(ctx, op);
      case Operation.CleanupSlashingProposals op -> slashing.cleanup(op);
      default -> throw new IllegalArgumentException(operation.getClass().getSimpleName() + " is not a staking operation");
    }
  }

  // ---- StakingApi -------------------------------------------------------------------------------

  @Override
  public void initGenesis() {
    store.initGenesis();
  }

  @Override
  public int epoch() {
    return store.state().epoch();
  }

  @Override
  public Committee committee() {
    return store.state().committee();
  }

  @Override
  public Committee previousCommittee() {
    return store.state().previousCommittee();
  }

  @Override
  public void onBlockStart(TxContext ctx) {
    epochs.onBlockStart(ctx);
  }

  @Override
  public long heldFrost() {
    return store.pools.heldFrost();
  }

  // ---- reads for the API ------------------------------------------------------------------------

  /** The epoch, its state and when its next steps are due. */
  public EpochStatus epochStatus() {
    return epochs.status();
  }

  /** The committee selected for the next epoch, between {@code voting_end} and the epoch change. */
  public Optional<Committee> nextCommittee() {
    return store.state().nextCommittee();
  }

  /** The raw epoch state (epoch, state, committees, capacity vote). */
  public StakingState state() {
    return store.state();
  }

  /** The committee candidates in their consensus-relevant order, with their stakes. */
  public ActiveSet activeSet() {
    return store.activeSet();
  }

  /** Every pool, in node-ID order. */
  public List<PoolView> pools() {
    List<PoolView> out = new ArrayList<>();
    for (StakingPool p : store.pools.all().values()) {
      out.add(view(p));
    }
    return out;
  }

  public Optional<PoolView> pool(ObjectId nodeId) {
    return store.pools.find(nodeId).map(this::view);
  }

  private PoolView view(StakingPool p) {
    StakingState s = store.state();
    return new PoolView(
        p, store.pools.walBalanceAtEpoch(p, s.epoch()), store.pools.walBalanceAtEpoch(p, s.selectionEpoch()),
        store.pools.rates(p.nodeId()));
  }

  /**
   * What a {@code StakedWal} would pay if withdrawn at {@code epoch} (or at its own withdraw
   * epoch once requested); empty if no such object exists.
   */
  public Optional<StakeQuote> quoteStake(ObjectId stakedWal, int epoch) {
    return stakes.quote(stakedWal, epoch);
  }

  /** {@code calculate_rewards}: rewards on {@code principal} staked with a pool between two epochs. */
  public Optional<Long> calculateRewards(ObjectId nodeId, long principal, int activationEpoch, int withdrawEpoch) {
    return store.pools.find(nodeId)
        .map(p -> store.pools.calculateRewards(p, principal, activationEpoch, withdrawEpoch));
  }

  /**
   * Takes up to {@code amount} FROST from {@code nodeId}'s commission balance, the blocked part
   * first (a challenge penalty collected at once, spec/challenges.md §8.5); returns what was taken.
   */
  public long takeCommission(ObjectId nodeId, long amount) {
    StakingPool pool = store.pools.require(nodeId);
    Commission c = pool.commission();
    long taken = Math.min(amount, c.balance());
    store.pools.put(pool.withCommission(c.withBalance(c.balance() - taken, c.blocked() - Math.min(c.blocked(), taken))));
    return taken;
  }

  /** {@code wal_balance_at_epoch(epoch)} of {@code nodeId}'s pool (0 for an unknown node). */
  public long stakeAt(ObjectId nodeId, int epoch) {
    return store.pools.find(nodeId).map(p -> store.pools.walBalanceAtEpoch(p, epoch)).orElse(0L);
  }

  /** Open slashing proposals by candidate node. */
  public SortedMap<ObjectId, SlashingProposal> slashingProposals() {
    return slashing.proposals();
  }
}
