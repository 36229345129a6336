package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.staking.StakingFixtures.WAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.LedgerTestNetwork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several nodes and delegators through four epochs of the real ledger ({@code applyBlock}):
 * registration, stake, the first committee, sync, a node joining, a withdrawal, a key rotation,
 * price votes; WAL conserved after every block and the state reproducible from a snapshot.
 */
class StakingScenarioTest {
  private static final int N_SHARDS = 20;
  private static final long EPOCH = 60_000;
  private final List<Ed25519KeyPair> operators = List.of(
      LedgerTestNetwork.key(1), LedgerTestNetwork.key(2), LedgerTestNetwork.key(3), LedgerTestNetwork.key(4),
      LedgerTestNetwork.key(5));
  private final Ed25519KeyPair d1 = LedgerTestNetwork.key(6);
  private final Ed25519KeyPair d2 = LedgerTestNetwork.key(7);
  private final LedgerTestNetwork net = new LedgerTestNetwork(N_SHARDS, EPOCH,
      operators.get(0), operators.get(1), operators.get(2), operators.get(3), operators.get(4), d1, d2);
  private final List<ObjectId> nodes = new ArrayList<>();
  private final List<ObjectId> caps = new ArrayList<>();

  private List<LedgerEvent> ok(Ed25519KeyPair sender, Operation op) {
    TransactionEffects e = net.run(sender, op);
    assertThat(e.succeeded()).as(op + " → " + e.abort()).isTrue();
    assertConserved();
    return e.events().stream().map(EventEnvelope::event).toList();
  }

  private List<LedgerEvent> tick(long ms) {
    BlockResult r = net.tick(ms);
    assertConserved();
    return r.events().stream().map(EventEnvelope::event).toList();
  }

  private void assertConserved() {
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  private void register(int i, int commission, long storagePrice) {
    Ed25519KeyPair op = operators.get(i);
    var reg = StakingFixtures.registration(100 + i, net.state.staking().epoch(), op.publicKey().toAddress(),
        commission, storagePrice, storagePrice / 10, 1L << 40);
    var created = StakingFixtures.only(ok(op, reg), LedgerEvent.StakingPoolCreated.class);
    nodes.add(created.nodeId());
    caps.add(created.nodeCapId());
  }

  private ObjectId stake(Ed25519KeyPair who, int node, long wal) {
    var events = ok(who, new Operation.StakeWithPool(nodes.get(node), wal * WAL));
    return StakingFixtures.only(events, LedgerEvent.StakeDeposited.class).stakedWalId();
  }

  /** All committee members report sync done; exactly one EpochChangeDone, once a quorum has. */
  private void syncAll() {
    int epoch = net.state.staking().epoch();
    Committee c = net.state.staking().committee();
    int weight = 0;
    int done = 0;
    for (Committee.Member m : c.members()) {
      var events = ok(operators.get(nodes.indexOf(m.nodeId())), new Operation.EpochSyncDone(caps.get(nodes.indexOf(m.nodeId())), epoch));
      assertThat(events).contains(new LedgerEvent.ShardsReceived(epoch, m.shards()));
      boolean quorumBefore = c.isQuorum(weight);
      weight += m.weight();
      if (events.contains(new LedgerEvent.EpochChangeDone(epoch))) {
        done++;
        assertThat(quorumBefore).isFalse();
        assertThat(c.isQuorum(weight)).isTrue();
      }
    }
    assertThat(done).isEqualTo(1);
  }

  private static void assertWellFormed(Committee c, int epoch) {
    assertThat(c.epoch()).isEqualTo(epoch);
    assertThat(c.nShards()).isEqualTo(N_SHARDS);
    assertThat(c.members()).extracting(Committee.Member::nodeId).isSortedAccordingTo(Comparable::compareTo);
    assertThat(c.members().stream().flatMap(m -> m.shards().stream()).sorted().toList())
        .isEqualTo(java.util.stream.IntStream.range(0, N_SHARDS).boxed().toList());
  }

  @Test
  void nodesStakeRotateAndWalIsConserved() {
    for (int i = 0; i < 4; i++) {
      register(i, 500 * i, 100 * (i + 1));
      stake(operators.get(i), i, 100 * (i + 1));
    }
    ObjectId d1Stake = stake(d1, 0, 500);
    stake(d2, 2, 300);

    // Epoch 0 → 1 at first_epoch_start: selection and change in one block.
    List<LedgerEvent> start = tick(EPOCH);
    assertThat(start).contains(new LedgerEvent.EpochParametersSelected(1), new LedgerEvent.EpochChangeStart(1));
    assertThat(net.state.staking().epoch()).isEqualTo(1);
    Committee first = net.state.staking().committee();
    assertWellFormed(first, 1);
    assertThat(first.members()).hasSize(4);
    syncAll();

    // Epoch 1: a fifth node joins, d1 leaves node 0, node 1 rotates its key, node 0 votes a lower price.
    register(4, 0, 500);
    stake(operators.get(4), 4, 800);
    var requested = StakingFixtures.only(ok(d1, new Operation.RequestWithdrawStake(d1Stake)),
        LedgerEvent.StakeWithdrawalRequested.class);
    assertThat(requested.withdrawEpoch()).isEqualTo(2);
    BlsKeyPair rotated = StakingFixtures.bls(200);
    ok(operators.get(1), new Operation.SetNextPublicKey(caps.get(1), rotated.publicKey(),
        ProofOfPossession.create(rotated, 1, operators.get(1).publicKey().toAddress())));
    ok(operators.get(0), new Operation.SetStoragePriceVote(caps.get(0), 50));

    assertThat(tick(EPOCH / 2)).contains(new LedgerEvent.EpochParametersSelected(2));
    Committee selected = net.state.staking().nextCommittee().orElseThrow();
    assertThat(selected.members()).hasSize(5);
    assertThat(selected.members().get(selected.indexOf(nodes.get(1))).publicKey()).isEqualTo(rotated.publicKey());

    List<LedgerEvent> change = tick(EPOCH / 2);
    assertThat(change).contains(new LedgerEvent.EpochChangeStart(2));
    Committee second = net.state.staking().committee();
    assertThat(second).isEqualTo(selected);
    assertWellFormed(second, 2);
    assertThat(net.state.staking().previousCommittee()).isEqualTo(first);
    for (Committee.Member m : first.members()) {
      Set<Integer> before = new HashSet<>(m.shards());
      Set<Integer> after = new HashSet<>(second.members().get(second.indexOf(m.nodeId())).shards());
      assertThat(before.containsAll(after) || after.containsAll(before))
          .as("node %s keeps its shards: %s → %s", m.nodeId(), before, after).isTrue();
    }
    assertThat(net.state.staking().pool(nodes.get(1)).orElseThrow().pool().info().publicKey())
        .isEqualTo(rotated.publicKey());

    long before = net.balance(d1);
    var withdrawn = StakingFixtures.only(ok(d1, new Operation.WithdrawStake(d1Stake)), LedgerEvent.StakeWithdrawn.class);
    assertThat(withdrawn.principal()).isEqualTo(500 * WAL);
    assertThat(net.balance(d1) - before).isEqualTo(withdrawn.principal() + withdrawn.rewards());
    syncAll();

    // Epochs 3 and 4: both steps in one block each time a full epoch passes.
    for (int epoch = 3; epoch <= 4; epoch++) {
      List<LedgerEvent> events = tick(EPOCH);
      assertThat(events).contains(new LedgerEvent.EpochParametersSelected(epoch), new LedgerEvent.EpochChangeStart(epoch));
      assertWellFormed(net.state.staking().committee(), epoch);
      for (Committee.Member m : net.state.staking().committee().members()) {
        assertThat(m.publicKey()).isEqualTo(net.state.staking().pool(m.nodeId()).orElseThrow().pool().info().publicKey());
      }
      syncAll();
    }
    assertThat(net.state.staking().epoch()).isEqualTo(4);
    assertThat(net.state.staking().activeSet().nodes()).hasSize(5);

    LedgerState copy = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    assertThat(copy.stateDigest()).isEqualTo(net.state.stateDigest());
    assertThat(net.state.store().recomputeDigest()).isEqualTo(net.state.stateDigest());
    assertThat(copy.staking().epochStatus()).isEqualTo(net.state.staking().epochStatus());
    BlockResult a = net.tick(EPOCH);
    BlockResult b = copy.applyBlock(net.now(), List.of());
    assertThat(b.blockRoot()).isEqualTo(a.blockRoot());
    assertThat(copy.staking().epoch()).isEqualTo(5);
  }
}
