package dev.walrus.ledger.state.system;

import dev.walrus.core.Address;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Accounts;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.JournaledCell;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.LedgerStore;

/**
 * The system object's state tables and the ledger services its rules share: the scalar state,
 * the future-accounting ring, the blob index and the total of shared-blob funds. One instance,
 * created by {@link SystemRules} and handed to the rule classes, so they all see one state.
 */
final class SystemTables {
  /** Total FROST held in shared blobs' funds: kept so conservation needs no scan of all objects. */
  record SharedFunds(long frost) {}

  final LedgerServices ledger;
  final JournaledCell<SystemState> state;
  final FutureAccountingRing ring;
  final BlobIndex blobIndex;
  final JournaledCell<SharedFunds> sharedFunds;

  SystemTables(LedgerServices ledger) {
    this.ledger = ledger;
    LedgerStore store = ledger.store();
    this.state = store.cell("system.state", SystemState.class);
    this.ring = new FutureAccountingRing(store, ledger.genesis().maxEpochsAhead());
    this.blobIndex = new BlobIndex(store);
    this.sharedFunds = store.cell("system.shared_blob_funds", SharedFunds.class);
  }

  void init() {
    state.set(SystemState.GENESIS);
    ring.init();
    sharedFunds.set(new SharedFunds(0));
  }

  /** The current epoch {@code E}. */
  int epoch() {
    return ledger.epoch();
  }

  /** {@code n_shards} of the current committee: 0 in epoch 0, so nothing can be encoded then. */
  int nShards() {
    return ledger.staking().committee().nShards();
  }

  int maxEpochsAhead() {
    return ring.length();
  }

  SystemState state() {
    return state.get();
  }

  void addSharedFunds(long delta) {
    long total = delta >= 0
        ? Checked.add(sharedFunds.get().frost(), delta)
        : Checked.sub(sharedFunds.get().frost(), -delta);
    sharedFunds.set(new SharedFunds(total));
  }

  /** Pays from {@code sender}'s WAL balance: a {@code Coin<WAL>} argument of the Move call. */
  Payer account(Address sender) {
    Accounts accounts = ledger.accounts();
    return amount -> accounts.debit(sender, amount);
  }

  /** Aborts {@code balance::ENotEnough}: no balance can cover an amount beyond the u64 range. */
  static Abort unpayable(String what) {
    return new Abort(Accounts.BALANCE_MODULE, Accounts.E_NOT_ENOUGH, what + " exceeds any balance");
  }
}
