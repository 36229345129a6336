package dev.walrus.ledger.state;

import dev.walrus.core.Address;

/**
 * WAL balances. Payments in Walrus are {@code &mut Coin<WAL>} from which exactly the amount due
 * is split; here they come from the sender's balance, with the same failure when it is short
 * ({@code balance::ENotEnough}, code 2).
 */
public final class Accounts {
  public static final String BALANCE_MODULE = "balance";
  public static final int E_NOT_ENOUGH = 2;

  private final JournaledMap<Address, Account> accounts;

  public Accounts(LedgerStore store) {
    this.accounts = store.map("accounts", Address.class, Account.class);
  }

  public Account get(Address address) {
    return accounts.find(address).orElse(Account.EMPTY);
  }

  public long balance(Address address) {
    return get(address).balance();
  }

  /** Takes {@code amount} from {@code from}; aborts if the balance is short. */
  public void debit(Address from, long amount) {
    Account a = get(from);
    Abort.check(amount >= 0, Checked.MODULE, 1, "negative amount");
    Abort.check(a.balance() >= amount, BALANCE_MODULE, E_NOT_ENOUGH,
        from + " has " + a.balance() + " FROST, " + amount + " needed");
    store(from, new Account(a.balance() - amount, a.nextSequence()));
  }

  public void credit(Address to, long amount) {
    Account a = get(to);
    store(to, new Account(Checked.add(a.balance(), amount), a.nextSequence()));
  }

  public void bumpSequence(Address address) {
    Account a = get(address);
    store(address, new Account(a.balance(), a.nextSequence() + 1));
  }

  public JournaledMap<Address, Account> table() {
    return accounts;
  }

  private void store(Address address, Account a) {
    if (a.equals(Account.EMPTY)) {
      accounts.remove(address);
    } else {
      accounts.put(address, a);
    }
  }
}
