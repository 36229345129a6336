package dev.walrus.ledger.state.staking;

import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;

/**
 * Move's {@code PoolExchangeRate} (ledger.md §5.2): how many WAL one share of a pool is worth at
 * the start of an epoch. Stakes are converted to shares at their activation epoch's rate and back
 * at the withdrawal epoch's rate, so rewards added in between raise every staker's value in
 * proportion without touching the {@code StakedWal} objects.
 *
 * <p>{@code Flat} (one to one) is represented by both amounts being zero; {@link #of} returns it
 * whenever either amount is zero, as Move's {@code new} does.
 */
public record ExchangeRate(long walAmount, long shareAmount) {
  public static final ExchangeRate FLAT = new ExchangeRate(0, 0);

  /**
   * Move's {@code pool_exchange_rate::new}, except that shares may exceed WAL: a share is worth
   * less than one FROST once challenge penalties slashed the stake (spec/challenges.md §8.3 (a);
   * Move aborts {@code EInvalidRate}, which without slashing never happens).
   */
  public static ExchangeRate of(long walAmount, long shareAmount) {
    Abort.check(shareAmount >= 0 && walAmount >= 0, StakingErrors.EXCHANGE_RATE, StakingErrors.INVALID_RATE,
        "exchange rate with " + shareAmount + " shares for " + walAmount + " FROST");
    return walAmount == 0 || shareAmount == 0 ? FLAT : new ExchangeRate(walAmount, shareAmount);
  }

  public boolean isFlat() {
    return shareAmount == 0;
  }

  /** {@code floor(shares · wal / shareAmount)} in 128 bits. */
  public long toWal(long shares) {
    return isFlat() ? shares : Checked.mulDiv(shares, walAmount, shareAmount);
  }

  /** {@code floor(wal · shareAmount / walAmount)} in 128 bits. */
  public long toShares(long wal) {
    return isFlat() ? wal : Checked.mulDiv(wal, shareAmount, walAmount);
  }
}
