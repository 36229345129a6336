package dev.walrus.ledger.state;

import dev.walrus.core.Address;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import java.util.Set;

/** WAL transfers, object transfers and the faucet. */
final class AccountRules implements RuleModule {
  static final String WAL_MODULE = "wal";
  static final int E_ZERO_AMOUNT = 0;
  static final String FAUCET_MODULE = "faucet";
  static final int E_FAUCET_DISABLED = 0;
  static final int E_FAUCET_AMOUNT = 1;

  private final LedgerServices ledger;

  AccountRules(LedgerServices ledger) {
    this.ledger = ledger;
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return Set.of(Operation.Transfer.class, Operation.RequestFaucet.class, Operation.TransferObject.class);
  }

  @Override
  public void execute(TxContext ctx, Operation op) {
    switch (op) {
      case Operation.Transfer t -> transfer(ctx, ctx.sender(), t.to(), t.amount());
      case Operation.RequestFaucet f -> faucet(ctx, f.amount());
      case Operation.TransferObject t -> ledger.objects().transfer(ctx, t.object(), t.to());
      default -> throw new IllegalArgumentException("not an account operation: " + op);
    }
  }

  private void transfer(TxContext ctx, Address from, Address to, long amount) {
    Abort.check(amount > 0, WAL_MODULE, E_ZERO_AMOUNT, "transfer amount must be positive");
    ledger.accounts().debit(from, amount);
    ledger.accounts().credit(to, amount);
    ctx.emit(new LedgerEvent.WalTransferred(from, to, amount));
  }

  private void faucet(TxContext ctx, long amount) {
    GenesisConfig g = ledger.genesis();
    Abort.check(g.faucetEnabled(), FAUCET_MODULE, E_FAUCET_DISABLED, "this network has no faucet");
    Abort.check(amount > 0 && amount <= g.faucetMaxPerRequest(), FAUCET_MODULE, E_FAUCET_AMOUNT,
        "the faucet hands out 1 to " + g.faucetMaxPerRequest() + " FROST per request");
    transfer(ctx, g.faucet(), ctx.sender(), amount);
  }
}
