package dev.walrus.ledger.state.staking;

import java.util.SortedMap;

/**
 * A pool as the API shows it: the stored pool (node info, votes, commission, accounting), its
 * stake now and at the next committee selection, and its exchange-rate history.
 *
 * @param stake {@code wal_balance_at_epoch(E)}: the stake counted in the current epoch
 * @param nextStake the stake the next committee selection will count (E + 1, or E + 2 once the
 *     next committee is selected)
 * @param exchangeRates the recorded rates by epoch (epochs without an entry use the one before)
 */
public record PoolView(
    StakingPool pool, long stake, long nextStake, SortedMap<Integer, ExchangeRate> exchangeRates) {}
