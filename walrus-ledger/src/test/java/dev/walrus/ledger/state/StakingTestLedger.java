package dev.walrus.ledger.state;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.objects.StakedWal;
import dev.walrus.ledger.state.staking.StakingRules;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeMap;

/**
 * The staking rules over a {@link FakeSystem}, executed the way {@link LedgerState} executes
 * blocks (timed actions at block start, each operation rolled back on abort) but without
 * transactions, signatures or fees, so tests can act as any address and plan exact rewards.
 */
public final class StakingTestLedger {
  public static final long WAL = GenesisConfig.FROST_PER_WAL;

  public final GenesisConfig genesis;
  public final LedgerStore store = new LedgerStore();
  public final LedgerServices services;
  public final FakeSystem system;
  public final StakingRules staking;
  private long time;
  private long height;
  private long counter;

  /** What one operation did: its events and new objects, or the abort that undid it. */
  public record Outcome(List<LedgerEvent> events, List<ObjectId> created, Abort abort) {
    public boolean ok() {
      return abort == null;
    }
  }

  public StakingTestLedger(int nShards, long epochZeroMs, long epochMs, Address... funded) {
    TreeMap<Address, Long> allocations = new TreeMap<>();
    for (Address a : funded) {
      allocations.put(a, 1_000_000 * WAL);
    }
    this.genesis = new GenesisConfig(
        "staking-test", 1_000_000, nShards, epochZeroMs, epochMs, 53, 150, 0, true, 1000 * WAL,
        address(999), allocations);
    this.services = new LedgerServices(genesis, store);
    this.system = new FakeSystem(store, services);
    this.staking = new StakingRules(services);
    services.wire(system, staking);
    services.treasury().init();
    genesis.allocations().forEach(services.accounts()::credit);
    services.accounts().credit(genesis.faucet(), genesis.faucetBalance());
    system.initGenesis();
    staking.initGenesis();
    store.updateDigest();
    store.journal().commit();
    this.time = genesis.genesisTimeMs();
  }

  public static Address address(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[1] = (byte) (i >> 8);
    b[31] = 1;
    return Address.of(b);
  }

  /** Starts a block {@code advanceMs} later: the epoch actions that are due run (and must not fail). */
  public List<LedgerEvent> tick(long advanceMs) {
    time += advanceMs;
    height++;
    TxContext ctx = context(LedgerState.SYSTEM_ADDRESS);
    int mark = store.journal().mark();
    try {
      staking.onBlockStart(ctx);
    } catch (RuntimeException e) {
      store.journal().rollback(mark);
      throw e;
    }
    commit();
    return ctx.events();
  }

  /** Starts a block at {@code timeMs} (not earlier than the current time). */
  public List<LedgerEvent> tickTo(long timeMs) {
    return tick(Math.max(0, timeMs - time));
  }

  /** Executes {@code op} from {@code sender} in the current block (no timed actions). */
  public Outcome run(Address sender, Operation op) {
    TxContext ctx = context(sender);
    int mark = store.journal().mark();
    try {
      staking.execute(ctx, op);
    } catch (Abort a) {
      store.journal().rollback(mark);
      commit();
      return new Outcome(List.of(), List.of(), a);
    }
    commit();
    return new Outcome(ctx.events(), ctx.created(), null);
  }

  /** As {@link #run}, failing the test on an abort. */
  public Outcome ok(Address sender, Operation op) {
    Outcome o = run(sender, op);
    if (!o.ok()) {
      throw new AssertionError(op + " aborted: " + o.abort());
    }
    return o;
  }

  private TxContext context(Address sender) {
    byte[] digest = ByteBuffer.allocate(32).putLong(height).putLong(++counter).array();
    return new TxContext(sender, digest, height, time);
  }

  private void commit() {
    store.updateDigest();
    store.journal().commit();
  }

  public long now() {
    return time;
  }

  public long balance(Address a) {
    return services.accounts().balance(a);
  }

  public StakedWal stakedWal(ObjectId id) {
    return (StakedWal) services.objects().find(id);
  }

  /** Every FROST: balances, staked principals, the fake pot, pools, burnt. */
  public long totalFrost() {
    long total = services.treasury().burnt();
    for (Account a : services.accounts().table().view().values()) {
      total = Math.addExact(total, a.balance());
    }
    for (var o : services.objects().table().view().values()) {
      if (o instanceof StakedWal s) {
        total = Math.addExact(total, s.principal());
      }
    }
    return Math.addExact(Math.addExact(total, system.heldFrost()), staking.heldFrost());
  }
}
