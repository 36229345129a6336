package dev.walrus.ledger.state.system;

/**
 * Where a payment comes from: the {@code &mut Coin<WAL>} of a Move call, from which exactly the
 * amount due is split. Usually the sender's balance; for a shared blob, its own funds. Paying
 * more than is there aborts {@code balance::ENotEnough} (2).
 */
@FunctionalInterface
interface Payer {
  void pay(long amount);
}
