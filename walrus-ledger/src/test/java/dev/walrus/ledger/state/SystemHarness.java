package dev.walrus.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.objects.LedgerObject;
import dev.walrus.ledger.state.system.SystemRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;

/**
 * A ledger for testing the system rules: real blocks and transactions, with a {@link
 * FakeStaking} wired in so a test chooses the epoch and committee. Epoch changes run the system's
 * side directly ({@link #advanceEpoch}); the timed staking actions never fire (epochs last ~30
 * years of ledger time).
 */
public final class SystemHarness {
  public static final long WAL = LedgerTestNetwork.WAL;
  private static final long NEVER = 1_000_000_000_000L;

  public final Ed25519KeyPair alice = LedgerTestNetwork.key(1);
  public final Ed25519KeyPair bob = LedgerTestNetwork.key(2);
  public final Ed25519KeyPair carol = LedgerTestNetwork.key(3);
  public final LedgerTestNetwork net;
  public final FakeStaking staking = new FakeStaking();
  public final SystemRules system;
  private long epochChanges;

  public SystemHarness() {
    this(1000);
  }

  public SystemHarness(int genesisShards) {
    this.net = new LedgerTestNetwork(genesisShards, NEVER, alice, bob, carol);
    this.system = net.state.system();
    net.state.services().wire(system, staking);
  }

  public LedgerState state() {
    return net.state;
  }

  public Address address(Ed25519KeyPair k) {
    return k.publicKey().toAddress();
  }

  public long balance(Ed25519KeyPair k) {
    return net.balance(k);
  }

  public TransactionEffects run(Ed25519KeyPair sender, Operation op) {
    return net.run(sender, op);
  }

  /** Runs {@code op} and asserts it succeeded. */
  public TransactionEffects ok(Ed25519KeyPair sender, Operation op) {
    TransactionEffects e = net.run(sender, op);
    assertThat(e.status()).as("%s: %s", op, e.abort()).isEqualTo(TransactionEffects.Status.SUCCESS);
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
    return e;
  }

  /**
   * Runs {@code op}, asserts it aborted with {@code module}/{@code code}, and that it left the
   * state exactly as a transaction that does nothing would (a twin ledger restored from the state
   * before runs an aborting zero transfer instead; both digests must agree), with every FROST
   * still accounted for.
   */
  public TransactionEffects aborts(Ed25519KeyPair sender, Operation op, String module, int code) {
    byte[] before = net.state.snapshot();
    long sequence = net.state.services().accounts().get(address(sender)).nextSequence();
    TransactionEffects e = net.run(sender, op);
    assertThat(e.status()).as("%s", op).isEqualTo(TransactionEffects.Status.ABORTED);
    assertThat(e.abort().module() + "::" + e.abort().code()).as(e.abort().message()).isEqualTo(module + "::" + code);
    assertThat(e.events()).isEmpty();

    LedgerState twin = LedgerState.fromSnapshot(net.genesis, before);
    twin.services().wire(twin.system(), staking);
    Transaction noop = new Transaction(
        twin.network(), sender.publicKey(), sequence, net.genesis.transactionFee(), new Operation.Transfer(address(sender), 0));
    TransactionEffects t = twin.applyBlock(net.now(), List.of(noop.sign(sender))).effects().get(0);
    assertThat(t.abort().module()).isEqualTo("wal");
    assertThat(net.state.stateDigest()).as("state digest after the abort").isEqualTo(twin.stateDigest());
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
    return e;
  }

  /** The one object of {@code type} the transaction created. */
  public <T extends LedgerObject> T created(TransactionEffects e, Class<T> type) {
    List<T> found = e.created().stream()
        .map(id -> net.state.services().objects().find(id))
        .filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("created %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  public <T extends LedgerObject> T object(ObjectId id, Class<T> type) {
    return type.cast(net.state.services().objects().find(id));
  }

  public boolean exists(ObjectId id) {
    return net.state.services().objects().find(id) != null;
  }

  public static List<LedgerEvent> events(TransactionEffects e) {
    return e.events().stream().map(EventEnvelope::event).toList();
  }

  public int epoch() {
    return staking.epoch();
  }

  public Committee committee() {
    return staking.committee();
  }

  /**
   * The system's side of the epoch change to the next epoch with {@code next} as committee, as
   * the staking rules run it at the start of a block: rewards go to the current committee, the
   * total capacity becomes {@code max(capacityVote, used)}, and each reward is credited to {@link
   * #nodeAccount}. Returns the rewards and the events.
   */
  public EpochChange advanceEpoch(Committee next, long capacityVote) {
    int newEpoch = staking.epoch() + 1;
    TxContext ctx = new TxContext(LedgerState.SYSTEM_ADDRESS,
        ("epoch change " + epochChanges++).getBytes(StandardCharsets.UTF_8), net.state.chain().height(), net.now());
    Journal journal = net.state.store().journal();
    int mark = journal.mark();
    try {
      SortedMap<ObjectId, Long> rewards = system.advanceEpoch(ctx, staking.committee(), newEpoch, capacityVote);
      // The staking pools would hold the rewards; here each node's reward goes to an account of
      // the node's ID, so every FROST stays accounted for.
      rewards.forEach((node, reward) -> net.state.services().accounts().credit(nodeAccount(node), reward));
      staking.enter(newEpoch, next);
      commit();
      return new EpochChange(rewards, ctx.events());
    } catch (RuntimeException e) {
      journal.rollback(mark);
      throw e;
    }
  }

  /** Where {@link #advanceEpoch} pays node {@code nodeId}'s reward. */
  public static Address nodeAccount(ObjectId nodeId) {
    return Address.of(nodeId.bytes());
  }

  /** Rewards handed to the old committee and events of an epoch change. */
  public record EpochChange(SortedMap<ObjectId, Long> rewards, List<LedgerEvent> events) {}

  /** Sets prices as {@code update_prices} would. */
  public void setPrices(long storage, long write) {
    system.setPrices(storage, write);
    commit();
  }

  private void commit() {
    net.state.store().updateDigest();
    net.state.store().journal().commit();
  }
}
