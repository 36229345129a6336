package dev.walrus.ledger.state;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PrivateKey;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ledger in a test: genesis with a few funded accounts and helpers to submit transactions one
 * block at a time. Deterministic keys, so runs repeat exactly.
 */
public final class LedgerTestNetwork {
  public static final long WAL = GenesisConfig.FROST_PER_WAL;

  public final GenesisConfig genesis;
  public final LedgerState state;
  private final Map<Address, Long> sequences = new HashMap<>();
  private long time;
  private Executor executor = (timeMs, transactions) -> state().applyBlock(timeMs, transactions);

  /** How a block is executed; tests may apply it to more replicas, or through the log's encoding. */
  public interface Executor {
    BlockResult apply(long timeMs, List<SignedTransaction> transactions);
  }

  /** Executes every later block with {@code e}, which must apply it to {@link #state}. */
  public void executeWith(Executor e) {
    executor = e;
  }

  private LedgerState state() {
    return state;
  }

  public LedgerTestNetwork(int nShards, long epochDurationMs, Ed25519KeyPair... funded) {
    TreeMap<Address, Long> allocations = new TreeMap<>();
    for (Ed25519KeyPair k : funded) {
      allocations.put(k.publicKey().toAddress(), 1_000_000 * WAL);
    }
    this.genesis = new GenesisConfig(
        "test", 1_000_000, nShards, epochDurationMs, epochDurationMs, 53, 150, 0, true, 1000 * WAL,
        key(999).publicKey().toAddress(), allocations);
    this.state = LedgerState.genesis(genesis);
    this.time = genesis.genesisTimeMs();
  }

  /** A ledger from a genesis of the test's own. */
  public LedgerTestNetwork(GenesisConfig genesis) {
    this.genesis = genesis;
    this.state = LedgerState.genesis(genesis);
    this.time = genesis.genesisTimeMs();
  }

  public static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = (byte) (i >> 8);
    seed[31] = 7;
    return Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(seed));
  }

  public SignedTransaction tx(Ed25519KeyPair sender, Operation op) {
    Address a = sender.publicKey().toAddress();
    long seq = sequences.getOrDefault(a, 0L);
    sequences.put(a, seq + 1);
    return new Transaction(state.network(), sender.publicKey(), seq, genesis.transactionFee(), op).sign(sender);
  }

  /** Executes one transaction in its own block, {@code advanceMs} after the previous one. */
  public TransactionEffects run(Ed25519KeyPair sender, Operation op, long advanceMs) {
    time += advanceMs;
    TransactionEffects e = executor.apply(time, List.of(tx(sender, op))).effects().get(0);
    if (e.status() == TransactionEffects.Status.REJECTED) {
      sequences.merge(sender.publicKey().toAddress(), -1L, Long::sum);
    }
    return e;
  }

  public TransactionEffects run(Ed25519KeyPair sender, Operation op) {
    return run(sender, op, 1);
  }

  /** Advances the ledger clock with an empty block. */
  public BlockResult tick(long advanceMs) {
    return block(advanceMs, List.of());
  }

  /**
   * Executes {@code transactions} as one block, {@code advanceMs} after the previous block. The
   * sequence numbers of rejected transactions are handed out again.
   */
  public BlockResult block(long advanceMs, List<SignedTransaction> transactions) {
    time += advanceMs;
    BlockResult r = executor.apply(time, transactions);
    for (int i = 0; i < transactions.size(); i++) {
      if (r.effects().get(i).status() == TransactionEffects.Status.REJECTED) {
        Address a = transactions.get(i).transaction().senderAddress();
        sequences.put(a, state.services().accounts().get(a).nextSequence());
      }
    }
    return r;
  }

  public long now() {
    return time;
  }

  public long balance(Ed25519KeyPair k) {
    return state.services().accounts().balance(k.publicKey().toAddress());
  }
}
