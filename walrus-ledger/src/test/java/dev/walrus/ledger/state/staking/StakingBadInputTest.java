package dev.walrus.ledger.state.staking;

import static dev.walrus.ledger.state.staking.StakingFixtures.WAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.LedgerTestNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every malformed or premature staking call aborts with Walrus's module and code and leaves the
 * state exactly as a harmless transaction from the same sender would (the fee and sequence
 * number still apply): the digest is compared with a twin ledger that ran a no-op instead.
 */
class StakingBadInputTest {
  private final Ed25519KeyPair operator = LedgerTestNetwork.key(1);
  private final Ed25519KeyPair staker = LedgerTestNetwork.key(2);
  private final Ed25519KeyPair other = LedgerTestNetwork.key(3);
  private final LedgerTestNetwork net = new LedgerTestNetwork(10, 60_000, operator, staker, other);
  private ObjectId node;
  private ObjectId cap;
  private ObjectId active;
  private ObjectId outsiderCap;

  private static Address addr(Ed25519KeyPair k) {
    return k.publicKey().toAddress();
  }

  private static <T extends LedgerEvent> T event(TransactionEffects e, Class<T> type) {
    assertThat(e.succeeded()).as(String.valueOf(e.abort())).isTrue();
    return e.events().stream().map(EventEnvelope::event).filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private Operation.RegisterCandidate registration(int key, Ed25519KeyPair sender) {
    return StakingFixtures.registration(key, net.state.staking().epoch(), addr(sender), 500, 100, 10, 1_000_000);
  }

  /** Node with 100 WAL selected for epoch 1 and synced; an outsider node without stake. */
  @BeforeEach
  void setUp() {
    var created = event(net.run(operator, registration(1, operator)), LedgerEvent.StakingPoolCreated.class);
    node = created.nodeId();
    cap = created.nodeCapId();
    outsiderCap = event(net.run(other, registration(2, other)), LedgerEvent.StakingPoolCreated.class).nodeCapId();
    active = event(net.run(staker, new Operation.StakeWithPool(node, 100 * WAL)), LedgerEvent.StakeDeposited.class)
        .stakedWalId();
    net.tick(60_000);
    assertThat(net.state.staking().epoch()).isEqualTo(1);
    assertThat(net.run(operator, new Operation.EpochSyncDone(cap, 1)).succeeded()).isTrue();
  }

  private void assertAborts(Ed25519KeyPair sender, Operation op, String module, int code) {
    LedgerState twin = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    long sequence = net.state.services().accounts().get(addr(sender)).nextSequence();
    TransactionEffects e = net.run(sender, op);
    Transaction noop = new Transaction(
        twin.network(), sender.publicKey(), sequence, net.genesis.transactionFee(),
        new Operation.CleanupSlashingProposals(List.of()));
    BlockResult twinBlock = twin.applyBlock(net.now(), List.of(noop.sign(sender)));
    assertThat(twinBlock.effects().getFirst().succeeded()).isTrue();

    assertThat(e.status()).as(op.toString()).isEqualTo(TransactionEffects.Status.ABORTED);
    assertThat(e.abort().module()).as(e.abort().toString()).isEqualTo(module);
    assertThat(e.abort().code()).as(e.abort().toString()).isEqualTo(code);
    assertThat(e.events()).isEmpty();
    assertThat(e.created()).isEmpty();
    assertThat(net.state.stateDigest()).isEqualTo(twin.stateDigest());
  }

  @Test
  void registrationChecks() {
    BlsKeyPair key = StakingFixtures.bls(9);
    var good = registration(9, other);
    var wrongEpoch = new Operation.RegisterCandidate(good.name(), good.networkAddress(), key.publicKey(),
        good.networkPublicKey(), ProofOfPossession.create(key, 0, addr(other)), 500, 1, 1, 1);
    assertAborts(other, wrongEpoch, "staking_pool", 4);
    assertAborts(operator, good, "staking_pool", 4);
    assertAborts(other, withName(good, "n".repeat(101)), "staking_pool", 17);
    assertAborts(other, withName(good, "é".repeat(51)), "staking_pool", 17);
    var longAddress = new Operation.RegisterCandidate(good.name(), "a".repeat(260), key.publicKey(),
        good.networkPublicKey(), good.proofOfPossession(), 500, 1, 1, 1);
    assertAborts(other, longAddress, "staking_pool", 16);
    var shortKey = new Operation.RegisterCandidate(good.name(), good.networkAddress(), key.publicKey(),
        new byte[32], good.proofOfPossession(), 500, 1, 1, 1);
    assertAborts(other, shortKey, "storage_node", 0);
    var commission = new Operation.RegisterCandidate(good.name(), good.networkAddress(), key.publicKey(),
        good.networkPublicKey(), good.proofOfPossession(), 10_001, 1, 1, 1);
    assertAborts(other, commission, "staking_pool", 14);
    assertThat(net.run(other, withName(good, "n".repeat(100))).succeeded()).isTrue();
  }

  private static Operation.RegisterCandidate withName(Operation.RegisterCandidate r, String name) {
    return new Operation.RegisterCandidate(name, r.networkAddress(), r.publicKey(), r.networkPublicKey(),
        r.proofOfPossession(), r.commissionRate(), r.storagePrice(), r.writePrice(), r.nodeCapacity());
  }

  @Test
  void nodeMaintenanceChecks() {
    assertAborts(operator, new Operation.UpdateNodeInfo(cap, Optional.of("x".repeat(101)), Optional.empty(),
        Optional.empty()), "staking_pool", 17);
    assertAborts(operator, new Operation.UpdateNodeInfo(cap, Optional.of("ok"), Optional.of("a".repeat(260)),
        Optional.empty()), "staking_pool", 16);
    assertAborts(operator, new Operation.UpdateNodeInfo(cap, Optional.of("ok"), Optional.empty(),
        Optional.of(new byte[34])), "storage_node", 0);
    BlsKeyPair key = StakingFixtures.bls(10);
    assertAborts(operator, new Operation.SetNextPublicKey(cap, key.publicKey(),
        ProofOfPossession.create(key, 1, addr(other))), "staking_pool", 4);
    assertAborts(other, new Operation.SetStoragePriceVote(cap, 5), "object", 2);
    assertAborts(operator, new Operation.SetNextCommission(cap, 10_001), "staking_pool", 14);
    assertAborts(other, new Operation.CollectCommission(node), "staking_pool", 15);
    assertAborts(other, new Operation.SetCommissionReceiver(node, addr(other)), "staking_pool", 15);
    assertAborts(other, new Operation.SetGovernanceAuthorized(node, addr(other)), "staking_pool", 15);
    assertAborts(other, new Operation.CollectCommission(ObjectId.of(new byte[32])), "dynamic_field", 1);
  }

  @Test
  void stakingChecks() {
    assertAborts(staker, new Operation.StakeWithPool(node, WAL - 1), "staked_wal", 7);
    assertAborts(staker, new Operation.StakeWithPool(node, 0), "staking_pool", 7);
    assertAborts(staker, new Operation.StakeWithPool(ObjectId.of(new byte[32]), WAL), "dynamic_field", 1);
    assertAborts(staker, new Operation.StakeWithPool(node, net.balance(staker) + 1), "balance", 2);
    assertAborts(staker, new Operation.WithdrawStake(active), "staking_pool", 10);
    assertAborts(other, new Operation.WithdrawStake(active), "object", 2);
    assertAborts(staker, new Operation.SplitStakedWal(active, 100 * WAL), "staked_wal", 2);
    assertAborts(staker, new Operation.SplitStakedWal(active, WAL / 2), "staked_wal", 7);
    assertAborts(staker, new Operation.JoinStakedWal(active, active), "staked_wal", 1);

    ObjectId fresh = event(net.run(staker, new Operation.StakeWithPool(node, WAL)), LedgerEvent.StakeDeposited.class)
        .stakedWalId();
    assertAborts(staker, new Operation.RequestWithdrawStake(fresh), "staking_pool", 13);
    assertAborts(staker, new Operation.JoinStakedWal(active, fresh), "staked_wal", 1);
    assertThat(net.run(staker, new Operation.RequestWithdrawStake(active)).succeeded()).isTrue();
    assertAborts(staker, new Operation.WithdrawStake(active), "staking_pool", 11);
    assertAborts(staker, new Operation.RequestWithdrawStake(active), "staking_pool", 8);
  }

  @Test
  void epochChecks() {
    assertAborts(operator, new Operation.EpochSyncDone(cap, 1), "staking_inner", 2);
    assertAborts(operator, new Operation.EpochSyncDone(cap, 2), "staking_inner", 1);
    assertAborts(other, new Operation.EpochSyncDone(outsiderCap, 1), "staking_inner", 4);
    assertAborts(other, new Operation.VotingEnd(), "staking_inner", 0);
    assertAborts(other, new Operation.InitiateEpochChange(), "staking_inner", 6);
    assertAborts(other, new Operation.VoteForSlashing(node, node), "slashing", 0);
    assertAborts(other, new Operation.ExecuteSlashing(node), "slashing", 2);
    net.tick(30_000);
    assertThat(net.state.staking().nextCommittee()).isPresent();
    assertAborts(other, new Operation.InitiateEpochChange(), "staking_inner", 0);
    assertAborts(other, new Operation.VotingEnd(), "staking_inner", 0);
  }
}
