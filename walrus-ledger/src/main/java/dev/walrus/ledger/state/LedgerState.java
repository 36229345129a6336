package dev.walrus.ledger.state;

import dev.walrus.core.Address;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.challenge.ChallengeRules;
import dev.walrus.ledger.state.sites.SiteRules;
import dev.walrus.ledger.state.staking.StakingRules;
import dev.walrus.ledger.state.system.CertificateVerifier;
import dev.walrus.ledger.state.system.SystemRules;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's deterministic state machine: genesis, block execution, state digest, snapshots.
 *
 * <p>Given the same genesis and the same sequence of blocks ({@code proposed time, transactions}),
 * every replica reaches the same state, events and roots. Within a block: the ledger's own timed
 * actions first (epoch changes), then each transaction in order. A transaction is <em>rejected</em>
 * (no effect, no charge) for a wrong network, a bad signature, a wrong sequence number or a fee it
 * cannot pay; otherwise its fee is charged and its sequence number consumed, and its operation
 * either succeeds or aborts, in which case everything it changed is rolled back.
 *
 * <p>Not thread-safe: one thread applies blocks; readers must synchronise with it.
 */
public final class LedgerState {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerState.class);
  private static final byte[] SNAPSHOT_MAGIC = "walrus-java ledger snapshot v1".getBytes(StandardCharsets.UTF_8);
  /** The sender of the ledger's own actions. */
  public static final Address SYSTEM_ADDRESS = Address.of(new byte[32]);

  private final GenesisConfig genesis;
  private final byte[] network;
  private final LedgerStore store = new LedgerStore();
  private final LedgerServices services;
  private final SystemRules system;
  private final StakingRules staking;
  /** Storage challenges, when the genesis configures them. */
  private final ChallengeRules challenges;
  /** Walrus Sites: site objects, their resources, routes and redirects. */
  private final SiteRules sites;
  private final JournaledCell<ChainInfo> chain;
  private final Map<Class<?>, RuleModule> handlers = new HashMap<>();
  private final List<RuleModule> modules;
  private byte[] lastBlockRoot = new byte[32];

  private LedgerState(GenesisConfig genesis) {
    this.genesis = genesis;
    this.network = genesis.digest();
    this.services = new LedgerServices(genesis, store);
    this.chain = store.cell("chain", ChainInfo.class);
    this.system = new SystemRules(services);
    this.staking = new StakingRules(services);
    services.wire(system, staking);
    this.challenges = genesis.challenges().map(c -> new ChallengeRules(services, staking, c)).orElse(null);
    if (challenges != null) {
      services.wireChallenges(challenges);
    }
    this.sites = new SiteRules(services);
    this.modules = List.of(new AccountRules(services), system, staking,
        challenges != null ? challenges : ChallengeRules.disabled(), sites,
        new BatchRules(op -> handlers.get(op.getClass())));
    for (RuleModule module : modules) {
      for (Class<? extends Operation> op : module.operations()) {
        if (handlers.put(op, module) != null) {
          throw new IllegalStateException(op.getSimpleName() + " has two handlers");
        }
      }
    }
    for (Class<?> op : Operation.class.getPermittedSubclasses()) {
      if (!handlers.containsKey(op)) {
        throw new IllegalStateException(op.getSimpleName() + " has no handler");
      }
    }
  }

  /** The state at genesis: the supply minted, modules initialised, no block yet. */
  public static LedgerState genesis(GenesisConfig genesis) {
    LedgerState s = new LedgerState(genesis);
    s.services.treasury().init();
    genesis.allocations().forEach(s.services.accounts()::credit);
    s.services.accounts().credit(genesis.faucet(), genesis.faucetBalance());
    s.system.initGenesis();
    s.staking.initGenesis();
    if (s.challenges != null) {
      s.challenges.initGenesis();
    }
    s.chain.set(new ChainInfo(0, genesis.genesisTimeMs(), 0));
    s.store.updateDigest();
    s.store.journal().commit();
    return s;
  }

  /** Restores the state a snapshot holds; the genesis must be the one it was made with. */
  public static LedgerState fromSnapshot(GenesisConfig genesis, byte[] snapshot) {
    LedgerState s = new LedgerState(genesis);
    BcsReader r = new BcsReader(snapshot);
    if (!Arrays.equals(r.fixedBytes(SNAPSHOT_MAGIC.length), SNAPSHOT_MAGIC)) {
      throw new IllegalArgumentException("not a ledger snapshot");
    }
    if (!Arrays.equals(r.fixedBytes(32), s.network)) {
      throw new IllegalArgumentException("snapshot belongs to another network (genesis differs)");
    }
    s.lastBlockRoot = r.fixedBytes(32);
    s.store.readSnapshot(r);
    r.finish();
    return s;
  }

  public byte[] snapshot() {
    BcsWriter w = new BcsWriter(1 << 16);
    w.fixedBytes(SNAPSHOT_MAGIC).fixedBytes(network).fixedBytes(lastBlockRoot);
    store.writeSnapshot(w);
    return w.toByteArray();
  }

  /**
   * Executes the next block. Its time is {@code max(proposedTimeMs, previous time)}: replicas
   * agree on it because they agree on the block, and the ledger clock never runs backwards.
   */
  public BlockResult applyBlock(long proposedTimeMs, List<SignedTransaction> transactions) {
    return applyBlock(proposedTimeMs, transactions, ProposerChecks.NONE);
  }

  /**
   * As {@link #applyBlock(long, List)}, trusting the checks the block's proposer made (see
   * {@link ProposerChecks} for why that is sound and deterministic) instead of repeating them.
   */
  public BlockResult applyBlock(long proposedTimeMs, List<SignedTransaction> transactions, ProposerChecks checks) {
    ChainInfo before = chain.get();
    long height = before.height() + 1;
    long time = Math.max(proposedTimeMs, before.timeMs());
    boolean[] signed = verifySignatures(transactions, checks);
    long[] nextSequence = {before.nextEventSequence()};
    List<EventEnvelope> events = new ArrayList<>();
    byte[] noTx = new byte[32];

    if (challenges != null) {
      challenges.beginBlock(lastBlockRoot);
    }
    TxContext clock = new TxContext(SYSTEM_ADDRESS, blockActionDigest(height), height, time);
    int mark = store.journal().mark();
    try {
      staking.onBlockStart(clock);
    } catch (RuntimeException e) {
      // The timed actions only run when their preconditions hold; a failure is a bug, but the
      // chain must go on identically everywhere: roll back and retry at the next block.
      store.journal().rollback(mark);
      clock.discardOutputs();
      LOG.error("epoch action at height {} failed: {}", height, e.toString(), e);
    }
    events.addAll(envelopes(clock.events(), height, time, noTx, nextSequence));
    prepare(transactions, signed, checks);

    List<TransactionEffects> effects = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      effects.add(apply(transactions.get(i), signed[i], height, time, nextSequence, events));
    }

    chain.set(new ChainInfo(height, time, nextSequence[0]));
    byte[] digest = store.updateDigest();
    store.journal().commit();
    byte[] root = Blake2b256.digest(
        BcsRecords.encode(Long.class, height), BcsRecords.encode(Long.class, time), lastBlockRoot,
        listDigest(transactions.stream().map(t -> t.transaction().digest()).toList()),
        listDigest(events.stream().map(e -> BcsRecords.encode(LedgerEvent.class, e.event())).toList()),
        digest);
    lastBlockRoot = root;
    return new BlockResult(height, time, digest, root, effects, events);
  }

  private TransactionEffects apply(
      SignedTransaction stx, boolean signed, long height, long time, long[] nextSequence, List<EventEnvelope> events) {
    Transaction tx = stx.transaction();
    byte[] digest = tx.digest();
    if (!Arrays.equals(tx.network(), network)) {
      return rejected(digest, height, "transaction is for another network");
    }
    if (!signed) {
      return rejected(digest, height, "invalid signature");
    }
    Address sender = tx.senderAddress();
    Account account = services.accounts().get(sender);
    if (tx.sequence() != account.nextSequence()) {
      return rejected(digest, height,
          "sequence number " + tx.sequence() + " is not the sender's next (" + account.nextSequence() + ")");
    }
    if (tx.fee() < genesis.transactionFee()) {
      return rejected(digest, height, "fee " + tx.fee() + " is below the network's " + genesis.transactionFee());
    }
    if (account.balance() < tx.fee()) {
      return rejected(digest, height, "balance " + account.balance() + " does not cover the fee " + tx.fee());
    }
    services.accounts().debit(sender, tx.fee());
    system.depositToCurrentPot(tx.fee());
    services.accounts().bumpSequence(sender);

    TxContext ctx = new TxContext(sender, digest, height, time);
    int mark = store.journal().mark();
    TransactionEffects.Abort abort = null;
    try {
      handlers.get(tx.operation().getClass()).execute(ctx, tx.operation());
      services.challenges().observe(ctx, ctx.events());
    } catch (Abort a) {
      abort = new TransactionEffects.Abort(a.module(), a.code(), a.getMessage());
    } catch (RuntimeException e) {
      LOG.error("transaction {} failed unexpectedly", hex(digest), e);
      abort = new TransactionEffects.Abort("internal", 0, String.valueOf(e));
    }
    if (abort != null) {
      store.journal().rollback(mark);
      ctx.discardOutputs();
    }
    List<EventEnvelope> own = envelopes(ctx.events(), height, time, digest, nextSequence);
    events.addAll(own);
    return new TransactionEffects(
        digest,
        abort == null ? TransactionEffects.Status.SUCCESS : TransactionEffects.Status.ABORTED,
        height, tx.fee(), ctx.created(), ctx.deletedObjects(), own, abort, null);
  }

  private static TransactionEffects rejected(byte[] digest, long height, String why) {
    return new TransactionEffects(
        digest, TransactionEffects.Status.REJECTED, height, 0, List.of(), List.of(), List.of(), null, why);
  }

  private static List<EventEnvelope> envelopes(
      List<LedgerEvent> events, long height, long time, byte[] digest, long[] nextSequence) {
    List<EventEnvelope> out = new ArrayList<>(events.size());
    for (LedgerEvent e : events) {
      out.add(new EventEnvelope(nextSequence[0]++, height, time, digest, e));
    }
    return out;
  }

  /**
   * Lets the modules check the block's certificates in bulk (see {@link RuleModule#prepareBlock}),
   * passing on the certificate signatures the proposer verified.
   */
  private void prepare(List<SignedTransaction> transactions, boolean[] signed, ProposerChecks checks) {
    List<Operation> operations = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      if (signed[i]) {
        operations.add(transactions.get(i).transaction().operation());
      }
    }
    Set<VerifiedSignature> attested = new HashSet<>();
    for (ProposerChecks.Certificate c : checks.certificates()) {
      if (c.transaction() >= 0 && c.transaction() < transactions.size()) {
        List<CertificateVerifier.Certificate> carried =
            CertificateVerifier.certificatesOf(transactions.get(c.transaction()).transaction().operation());
        if (c.certificate() >= 0 && c.certificate() < carried.size()) {
          CertificateVerifier.Certificate cert = carried.get(c.certificate());
          attested.add(VerifiedSignature.of(c.key(), cert.signature(), cert.message()));
        }
      }
    }
    for (RuleModule module : modules) {
      module.prepareBlock(operations, attested);
    }
  }

  /** Ed25519 checks the proposer did not make are independent, so they run in parallel. */
  private static boolean[] verifySignatures(List<SignedTransaction> txs, ProposerChecks checks) {
    boolean[] ok = new boolean[txs.size()];
    IntStream.range(0, txs.size()).parallel().forEach(i ->
        ok[i] = checks.signatureChecked(i) || TransactionSignatures.validForExecution(txs.get(i)));
    return ok;
  }

  private static byte[] blockActionDigest(long height) {
    byte[] h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(height).array();
    return Blake2b256.digest("walrus-java/block-actions".getBytes(StandardCharsets.UTF_8), h);
  }

  private static byte[] listDigest(List<byte[]> items) {
    Blake2b256 h = new Blake2b256();
    for (byte[] item : items) {
      h.update(Blake2b256.digest(item));
    }
    return h.digest();
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  // ---- reading the state ------------------------------------------------------------------------

  public GenesisConfig genesisConfig() {
    return genesis;
  }

  /** The 32-byte network identity (genesis digest) every transaction must carry. */
  public byte[] network() {
    return network.clone();
  }

  public ChainInfo chain() {
    return chain.get();
  }

  public byte[] lastBlockRoot() {
    return lastBlockRoot.clone();
  }

  /** The state digest as of the last block. */
  public byte[] stateDigest() {
    return store.digestBytes();
  }

  public LedgerServices services() {
    return services;
  }

  public SystemRules system() {
    return system;
  }

  public StakingRules staking() {
    return staking;
  }

  /** The storage-challenge module, absent on a network without challenges. */
  public java.util.Optional<ChallengeRules> challenges() {
    return java.util.Optional.ofNullable(challenges);
  }

  public LedgerStore store() {
    return store;
  }

  public SiteRules sites() {
    return sites;
  }

  /**
   * Every FROST accounted for: balances, staked principals, pools, system pots and funds, and
   * burnt WAL. Equals the 5 × 10^18 supply in every reachable state.
   */
  public long totalFrost() {
    long total = services.treasury().burnt();
    for (Account a : services.accounts().table().view().values()) {
      total = Math.addExact(total, a.balance());
    }
    for (var o : services.objects().table().view().values()) {
      if (o instanceof dev.walrus.ledger.state.objects.StakedWal s) {
        total = Math.addExact(total, s.principal());
      }
    }
    total = Math.addExact(total, system.heldFrost());
    total = Math.addExact(total, staking.heldFrost());
    total = Math.addExact(total, services.challenges().heldFrost());
    return total;
  }
}
