package dev.walrus.ledger.state.staking;

import dev.walrus.core.Address;
import dev.walrus.core.bcs.Bcs;

/**
 * A pool's commission (ledger.md §5.7): the rate in basis points taken from each epoch's rewards,
 * rate changes waiting for their epoch ({@code pendingRates}, epoch → rate), the FROST earned and
 * not yet collected, and the part of it that is {@code blocked} until the next {@code
 * voting_end} so that committee members have a window to slash it (§7).
 *
 * <p>{@code receiver} may collect the commission; {@code governanceAuthorized} votes for
 * slashing on the node's behalf. Both start as the registering address.
 */
public record Commission(
    @Bcs.U16 int rate, PendingValues pendingRates, long balance, long blocked, Address receiver,
    Address governanceAuthorized) {

  /** The maximum rate: 100 % in basis points ({@code N_BASIS_POINTS}). */
  public static final int MAX_RATE = 10_000;

  /** What {@code collect_commission} pays: the balance above the blocked amount. */
  public long collectable() {
    return balance > blocked ? balance - blocked : 0;
  }

  public Commission withReceiver(Address newReceiver) {
    return new Commission(rate, pendingRates, balance, blocked, newReceiver, governanceAuthorized);
  }

  public Commission withGovernanceAuthorized(Address authorized) {
    return new Commission(rate, pendingRates, balance, blocked, receiver, authorized);
  }

  public Commission withPendingRates(PendingValues rates) {
    return new Commission(rate, rates, balance, blocked, receiver, governanceAuthorized);
  }

  public Commission withBalance(long newBalance, long newBlocked) {
    return new Commission(rate, pendingRates, newBalance, newBlocked, receiver, governanceAuthorized);
  }

  public Commission withRate(int newRate, PendingValues rates) {
    return new Commission(newRate, rates, balance, blocked, receiver, governanceAuthorized);
  }
}
