package dev.walrus.ledger.state.staking;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochRewards;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import dev.walrus.ledger.state.staking.Apportionment.Allocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The epoch cycle (ledger.md §4): {@code voting_end} fixes the next committee and capacity half
 * way through the epoch, {@code initiate_epoch_change} starts the next epoch once it is over,
 * and {@code epoch_sync_done} from a quorum of the new committee completes the change.
 *
 * <p>Times follow §4.1: epoch 0 ends at {@code genesisTime + epochZeroDuration} (both steps at
 * once); later epochs are measured from the moment the previous change completed. The ledger
 * runs both timed steps itself at the start of each block ({@link #onBlockStart}), so epochs
 * advance with ledger time; anyone may also call them.
 */
final class EpochStateMachine {
  private final StakingStore store;
  private final long firstEpochStart;
  private final long epochDuration;

  EpochStateMachine(StakingStore store) {
    this.store = store;
    this.firstEpochStart = saturatedAdd(
        store.ledger.genesis().genesisTimeMs(), store.ledger.genesis().epochZeroDurationMs());
    this.epochDuration = store.ledger.genesis().epochDurationMs();
  }

  // ---- timing -----------------------------------------------------------------------------------

  /** When {@code voting_end} may run, for a change that completed at {@code changeDoneMs}. */
  long votingEndTime(int epoch, long changeDoneMs) {
    return epoch == 0 ? firstEpochStart : saturatedAdd(changeDoneMs, epochDuration / 2);
  }

  /** When the next epoch may start, for a change that completed at {@code changeDoneMs}. */
  long epochChangeTime(int epoch, long changeDoneMs) {
    return epoch == 0 ? firstEpochStart : saturatedAdd(changeDoneMs, epochDuration);
  }

  /** The current state with the times of the next steps, for readers. */
  EpochStatus status() {
    StakingState s = store.state();
    return switch (s.state()) {
      case EpochState.ChangeDone(long t) -> new EpochStatus(
          s.epoch(), s.state(), Optional.of(votingEndTime(s.epoch(), t)),
          Optional.of(epochChangeTime(s.epoch(), t)), s.nextCapacity());
      case EpochState.ParamsSelected(long t) -> new EpochStatus(
          s.epoch(), s.state(), Optional.empty(), Optional.of(epochChangeTime(s.epoch(), t)),
          s.nextCapacity());
      case EpochState.ChangeSync _ -> new EpochStatus(
          s.epoch(), s.state(), Optional.empty(), Optional.empty(), s.nextCapacity());
    };
  }

  /**
   * Runs the timed steps that are due at the block's time: {@code voting_end} (only when a
   * committee can be selected, i.e. the active set has stake; Move would abort and wait too) and
   * then the epoch change, which in epoch 0 is due at the same moment.
   */
  void onBlockStart(TxContext ctx) {
    StakingState s = store.state();
    if (s.state() instanceof EpochState.ChangeDone(long t)
        && ctx.now() >= votingEndTime(s.epoch(), t)
        && Apportionment.feasible(store.activeSet().stakes(), store.nShards())) {
      votingEnd(ctx);
    }
    s = store.state();
    if (s.state() instanceof EpochState.ParamsSelected(long t) && ctx.now() >= epochChangeTime(s.epoch(), t)) {
      initiateEpochChange(ctx);
    }
  }

  // ---- voting_end -------------------------------------------------------------------------------

  /**
   * {@code voting_end}: releases the commission blocked at the last epoch change, selects the
   * next committee (D'Hondt over the active set, shard IDs with the fewest moves), records each
   * member's BLS key for the next epoch and the capacity vote, and emits {@code
   * EpochParametersSelected}.
   */
  void votingEnd(TxContext ctx) {
    StakingState s = store.state();
    if (!(s.state() instanceof EpochState.ChangeDone(long changeDone))) {
      throw new Abort(StakingErrors.STAKING_INNER, StakingErrors.WRONG_EPOCH_STATE,
          "voting_end needs state EpochChangeDone, not " + s.state());
    }
    Abort.check(ctx.now() >= votingEndTime(s.epoch(), changeDone), StakingErrors.STAKING_INNER,
        StakingErrors.WRONG_EPOCH_STATE, "voting ends at " + votingEndTime(s.epoch(), changeDone) + " ms");
    for (Committee.Member m : s.previousCommittee().members()) {
      store.pools.find(m.nodeId()).ifPresent(p ->
          store.pools.put(p.withCommission(p.commission().withBalance(p.commission().balance(), 0))));
    }
    Abort.check(s.nextCommittee().isEmpty(), StakingErrors.STAKING_INNER, StakingErrors.COMMITTEE_SELECTED,
        "next committee already selected");

    int nShards = store.nShards();
    List<Allocation> target = Apportionment.apportion(store.activeSet(), nShards);
    SortedMap<ObjectId, List<Integer>> shards = s.committee().isEmpty()
        ? ShardAssignment.initialize(target)
        : ShardAssignment.transition(shardsOf(s.committee()), target);
    List<Committee.Member> members = new ArrayList<>(shards.size());
    List<QuorumVotes.Vote> capacityVotes = new ArrayList<>(shards.size());
    for (var e : shards.entrySet()) {
      int weight = e.getValue().size();
      Abort.check(weight > 0, StakingErrors.STAKING_INNER, StakingErrors.ZERO_NODE_WEIGHT,
          "node " + e.getKey() + " selected without shards");
      StakingPool pool = store.pools.require(e.getKey());
      members.add(new Committee.Member(e.getKey(), pool.info().nextEpochPublicKey(), e.getValue()));
      capacityVotes.add(new QuorumVotes.Vote(capacityVote(pool.votes().nodeCapacity(), nShards, weight), weight));
    }
    Committee next = new Committee(s.epoch() + 1, nShards, members);
    long capacity = QuorumVotes.quorumAbove(capacityVotes, nShards);
    store.setState(s.withSelection(next, capacity, new EpochState.ParamsSelected(changeDone)));
    ctx.emit(new LedgerEvent.EpochParametersSelected(s.epoch() + 1));
    store.ledger.challenges().votingEnded(ctx);
  }

  /**
   * A node's capacity vote extrapolated to the whole system, {@code capacity · N / shards}, in
   * 128 bits and capped at the largest u64 the ledger stores ({@code Long.MAX_VALUE}).
   */
  static long capacityVote(long nodeCapacity, int nShards, int weight) {
    BigInteger v = BigInteger.valueOf(nodeCapacity).multiply(BigInteger.valueOf(nShards))
        .divide(BigInteger.valueOf(weight));
    return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
  }

  private static SortedMap<ObjectId, List<Integer>> shardsOf(Committee c) {
    TreeMap<ObjectId, List<Integer>> out = new TreeMap<>();
    for (Committee.Member m : c.members()) {
      out.put(m.nodeId(), m.shards());
    }
    return out;
  }

  // ---- epoch change -----------------------------------------------------------------------------

  /**
   * {@code initiate_epoch_change_v2}: the system burns and distributes the ended epoch's pot to
   * the old committee; the next committee becomes current; every pool of the old committee
   * advances with its reward and every newcomer with none (pools in neither stay lazy); their
   * active-set stakes are refreshed; prices are recomputed from the new committee.
   *
   * <p>{@code PoolRewarded.epoch} is the epoch that earned the reward (the one that ended).
   */
  void initiateEpochChange(TxContext ctx) {
    StakingState s = store.state();
    Abort.check(s.nextCommittee().isPresent(), StakingErrors.STAKING_INNER, StakingErrors.NEXT_COMMITTEE_IS_EMPTY,
        "no committee selected for epoch " + (s.epoch() + 1));
    if (!(s.state() instanceof EpochState.ParamsSelected(long changeDone))) {
      throw new Abort(StakingErrors.STAKING_INNER, StakingErrors.WRONG_EPOCH_STATE,
          "epoch change needs state NextParamsSelected, not " + s.state());
    }
    Abort.check(ctx.now() >= epochChangeTime(s.epoch(), changeDone), StakingErrors.STAKING_INNER,
        StakingErrors.WRONG_EPOCH_STATE, "epoch " + s.epoch() + " ends at " + epochChangeTime(s.epoch(), changeDone));

    int newEpoch = s.epoch() + 1;
    Committee old = s.committee();
    // Storage-challenge verdicts tilt the rewards and set penalties (spec/challenges.md §7.4, §8).
    EpochVerdicts verdicts = store.ledger.challenges().closeEpoch(ctx, old, s.previousCommittee());
    EpochRewards paid = store.ledger.system()
        .advanceEpoch(ctx, old, newEpoch, s.nextCapacity().orElseThrow(), verdicts.failedCounts());
    for (ObjectId id : paid.rewards().keySet()) {
      if (old.indexOf(id) < 0) {
        throw new IllegalStateException("system rewarded " + id + ", which is not in the old committee");
      }
    }
    StakingState advanced = s.advanced();
    store.setState(advanced);
    new EpochSettlement(store).settle(ctx, s.epoch(), old, advanced.committee(), verdicts, paid);
    ctx.emit(new LedgerEvent.EpochChangeStart(newEpoch));
    updatePrices(ctx);
  }

  /**
   * {@code epoch_sync_done}: a member of the new committee has received its shards. Once members
   * holding a quorum of shards have said so, the epoch change is done and its time starts the
   * clock for the next {@code voting_end}.
   */
  void epochSyncDone(TxContext ctx, Operation.EpochSyncDone op) {
    StorageNodeCap cap = store.ledger.objects().requireOwned(ctx, op.nodeCap(), StorageNodeCap.class);
    StakingState s = store.state();
    int epoch = s.epoch();
    Abort.check(op.epoch() == epoch, StakingErrors.STAKING_INNER, StakingErrors.INVALID_SYNC_EPOCH,
        "sync done for epoch " + op.epoch() + " in epoch " + epoch);
    Abort.check(cap.lastEpochSyncDone() < epoch, StakingErrors.STAKING_INNER, StakingErrors.DUPLICATE_SYNC_DONE,
        "node " + cap.nodeId() + " already reported sync done for epoch " + epoch);
    store.ledger.objects().put(new StorageNodeCap(cap.id(), cap.ownerAddress(), cap.nodeId(), epoch));
    int index = s.committee().indexOf(cap.nodeId());
    Abort.check(index >= 0, StakingErrors.STAKING_INNER, StakingErrors.NOT_IN_COMMITTEE,
        "node " + cap.nodeId() + " is not in the committee of epoch " + epoch);
    List<Integer> shards = s.committee().members().get(index).shards();
    if (s.state() instanceof EpochState.ChangeSync(int weight)) {
      int total = weight + shards.size();
      if (QuorumVotes.isQuorum(total, store.nShards())) {
        store.setState(s.withState(new EpochState.ChangeDone(ctx.now())));
        ctx.emit(new LedgerEvent.EpochChangeDone(epoch));
      } else {
        store.setState(s.withState(new EpochState.ChangeSync(total)));
      }
    }
    ctx.emit(new LedgerEvent.ShardsReceived(epoch, shards));
  }

  // ---- prices -----------------------------------------------------------------------------------

  /**
   * {@code update_prices}: {@code quorum_below} of the current committee's price votes, weighted
   * by shards, written to the system. With no committee (epoch 0) both prices are the largest
   * storable u64, {@code Long.MAX_VALUE} (Move: {@code u64::MAX}), so nothing can be bought.
   */
  void updatePrices(TxContext ctx) {
    StakingState s = store.state();
    long storagePrice = Long.MAX_VALUE;
    long writePrice = Long.MAX_VALUE;
    if (!s.committee().isEmpty()) {
      List<QuorumVotes.Vote> storage = new ArrayList<>();
      List<QuorumVotes.Vote> write = new ArrayList<>();
      for (Committee.Member m : s.committee().members()) {
        VotingParams votes = store.pools.require(m.nodeId()).votes();
        storage.add(new QuorumVotes.Vote(votes.storagePrice(), m.weight()));
        write.add(new QuorumVotes.Vote(votes.writePrice(), m.weight()));
      }
      storagePrice = QuorumVotes.quorumBelow(storage, store.nShards());
      writePrice = QuorumVotes.quorumBelow(write, store.nShards());
    }
    store.ledger.system().setPrices(storagePrice, writePrice);
    ctx.emit(new LedgerEvent.PricesUpdated(s.epoch(), storagePrice, writePrice));
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
