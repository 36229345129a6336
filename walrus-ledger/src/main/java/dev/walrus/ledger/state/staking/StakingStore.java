package dev.walrus.ledger.state.staking;

import dev.walrus.ledger.state.JournaledCell;
import dev.walrus.ledger.state.LedgerServices;

/**
 * The staking module's tables and the few helpers every rule needs: the epoch state, the active
 * set and the pools. One instance is shared by the rule classes so they read and write the same
 * journaled state.
 */
final class StakingStore {
  final LedgerServices ledger;
  final Pools pools;
  private final JournaledCell<StakingState> state;
  private final JournaledCell<ActiveSet> activeSet;

  StakingStore(LedgerServices ledger) {
    this.ledger = ledger;
    this.pools = new Pools(ledger.store());
    this.state = ledger.store().cell("staking.state", StakingState.class);
    this.activeSet = ledger.store().cell("staking.active_set", ActiveSet.class);
  }

  void initGenesis() {
    state.set(StakingState.genesis(ledger.genesis().genesisTimeMs()));
    activeSet.set(ActiveSet.empty(ledger.genesis().maxActiveSetSize()));
  }

  StakingState state() {
    return state.get();
  }

  void setState(StakingState s) {
    state.set(s);
  }

  ActiveSet activeSet() {
    return activeSet.get();
  }

  /** {@code n_shards} of the network. */
  int nShards() {
    return ledger.genesis().nShards();
  }

  /** Updates the pool's active-set entry with its stake for the next committee selection. */
  void refreshActiveSet(StakingPool pool) {
    updateActiveSet(pool, state().selectionEpoch());
  }

  /**
   * Updates the pool's active-set entry with its stake at {@code epoch}; a jailed node is taken
   * out instead (spec/challenges.md §8.4) and comes back when its term ends.
   */
  void updateActiveSet(StakingPool pool, int epoch) {
    long stake = ledger.challenges().isJailed(pool.nodeId(), state().epoch()) ? 0 : pools.walBalanceAtEpoch(pool, epoch);
    activeSet.set(activeSet().insertOrUpdate(pool.nodeId(), stake));
  }
}
