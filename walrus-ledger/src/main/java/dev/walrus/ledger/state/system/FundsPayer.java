package dev.walrus.ledger.state.system;

import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Accounts;

/**
 * A shared blob's funds used as the payment coin ({@code shared_blob::extend}): the whole fund is
 * the coin, whatever is not spent goes back.
 */
final class FundsPayer implements Payer {
  private long remaining;

  FundsPayer(long funds) {
    this.remaining = funds;
  }

  @Override
  public void pay(long amount) {
    Abort.check(amount >= 0 && amount <= remaining, Accounts.BALANCE_MODULE, Accounts.E_NOT_ENOUGH,
        "the shared blob's funds of " + remaining + " FROST do not cover " + amount);
    remaining -= amount;
  }

  long remaining() {
    return remaining;
  }
}
