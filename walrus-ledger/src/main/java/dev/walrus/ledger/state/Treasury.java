package dev.walrus.ledger.state;

import dev.walrus.ledger.api.LedgerEvent;

/**
 * The fixed WAL supply's sink: WAL can only leave circulation by being burnt here (3 % of each
 * epoch's pot, slashed commission), never minted after genesis.
 */
public final class Treasury {
  /** Total burnt so far, in FROST. */
  public record Burnt(long frost) {}

  private final JournaledCell<Burnt> burnt;

  public Treasury(LedgerStore store) {
    this.burnt = store.cell("treasury.burnt", Burnt.class);
  }

  void init() {
    burnt.set(new Burnt(0));
  }

  public void burn(TxContext ctx, int epoch, long amount) {
    if (amount == 0) {
      return;
    }
    burnt.set(new Burnt(Checked.add(burnt.get().frost(), amount)));
    ctx.emit(new LedgerEvent.WalBurned(epoch, amount));
  }

  public long burnt() {
    return burnt.get().frost();
  }
}
