package dev.walrus.ledger.state.staking;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Registering and operating storage nodes (ledger.md §8, §5.7, §6): the calls a node operator
 * makes with its {@code StorageNodeCap}, and the commission and governance calls authorised by
 * the sender's address. Every input is checked before anything changes.
 */
final class NodeOperations {
  /** {@code MAX_NODE_NAME_LENGTH}, in UTF-8 bytes. */
  static final int MAX_NAME_LENGTH = 100;
  /** {@code MAX_NETWORK_ADDRESS_LENGTH}: 253 for a DNS name, 1 for ':', 5 for the port. */
  static final int MAX_NETWORK_ADDRESS_LENGTH = 259;
  /** A compressed P-256 key. */
  static final int NETWORK_PUBLIC_KEY_LENGTH = 33;

  private final StakingStore store;

  NodeOperations(StakingStore store) {
    this.store = store;
  }

  /**
   * {@code register_candidate}: a new pool (ID = node ID) and a cap for the sender. The pool is
   * not in the active set until it has stake.
   */
  void register(TxContext ctx, Operation.RegisterCandidate op) {
    StakingState s = store.state();
    int epoch = s.epoch();
    checkProofOfPossession(ctx, epoch, op.publicKey(), op.proofOfPossession());
    checkName(op.name());
    checkNetworkAddress(op.networkAddress());
    checkCommissionRate(op.commissionRate());
    checkNetworkPublicKey(op.networkPublicKey());

    ObjectId nodeId = ctx.newObjectId();
    ObjectId capId = ctx.newObjectId();
    Address sender = ctx.sender();
    int activation = s.committeeSelected() ? epoch + 1 : epoch;
    StakingPool pool = new StakingPool(
        nodeId,
        activation,
        new NodeInfo(op.name(), op.networkAddress(), op.publicKey(), Optional.empty(), op.networkPublicKey()),
        new VotingParams(op.storagePrice(), op.writePrice(), op.nodeCapacity()),
        StakeAccounting.empty(epoch),
        new Commission(op.commissionRate(), PendingValues.EMPTY, 0, 0, sender, sender));
    store.pools.create(pool);
    store.ledger.objects().put(new StorageNodeCap(capId, sender, nodeId, 0));
    ctx.emit(new LedgerEvent.StakingPoolCreated(epoch, nodeId, capId, sender, op.name()));
  }

  /** {@code set_name}, {@code set_network_address}, {@code set_network_public_key}. */
  void updateNodeInfo(TxContext ctx, Operation.UpdateNodeInfo op) {
    StakingPool pool = poolOfCap(ctx, op.nodeCap());
    NodeInfo info = pool.info();
    if (op.name().isPresent()) {
      checkName(op.name().get());
      info = info.withName(op.name().get());
    }
    if (op.networkAddress().isPresent()) {
      checkNetworkAddress(op.networkAddress().get());
      info = info.withNetworkAddress(op.networkAddress().get());
    }
    if (op.networkPublicKey().isPresent()) {
      checkNetworkPublicKey(op.networkPublicKey().get());
      info = info.withNetworkPublicKey(op.networkPublicKey().get());
    }
    store.pools.put(pool.withInfo(info));
  }

  /** {@code set_next_public_key}: proven like at registration, used from the next selection on. */
  void setNextPublicKey(TxContext ctx, Operation.SetNextPublicKey op) {
    StakingPool pool = poolOfCap(ctx, op.nodeCap());
    checkProofOfPossession(ctx, store.state().epoch(), op.publicKey(), op.proofOfPossession());
    store.pools.put(pool.withInfo(pool.info().withNextPublicKey(op.publicKey())));
  }

  /** {@code set_next_commission}: applies to rewards from epoch E + 2 on, announced in advance. */
  void setNextCommission(TxContext ctx, Operation.SetNextCommission op) {
    StakingPool pool = poolOfCap(ctx, op.nodeCap());
    checkCommissionRate(op.commissionRate());
    Commission c = pool.commission();
    int epoch = store.state().epoch() + 2;
    store.pools.put(pool.withCommission(c.withPendingRates(c.pendingRates().insertOrReplace(epoch, op.commissionRate()))));
  }

  /** {@code collect_commission}: the unblocked commission to the receiver's balance. */
  void collectCommission(TxContext ctx, Operation.CollectCommission op) {
    StakingPool pool = store.pools.require(op.nodeId());
    Commission c = pool.commission();
    checkAuthorized(ctx, c.receiver(), "commission receiver");
    long amount = c.collectable();
    store.pools.put(pool.withCommission(c.withBalance(c.balance() - amount, c.blocked())));
    store.ledger.accounts().credit(ctx.sender(), amount);
    ctx.emit(new LedgerEvent.CommissionCollected(store.state().epoch(), pool.nodeId(), ctx.sender(), amount));
  }

  void setCommissionReceiver(TxContext ctx, Operation.SetCommissionReceiver op) {
    StakingPool pool = store.pools.require(op.nodeId());
    checkAuthorized(ctx, pool.commission().receiver(), "commission receiver");
    store.pools.put(pool.withCommission(pool.commission().withReceiver(op.receiver())));
  }

  void setGovernanceAuthorized(TxContext ctx, Operation.SetGovernanceAuthorized op) {
    StakingPool pool = store.pools.require(op.nodeId());
    checkAuthorized(ctx, pool.commission().governanceAuthorized(), "governance-authorized address");
    store.pools.put(pool.withCommission(pool.commission().withGovernanceAuthorized(op.authorized())));
  }

  /** The price and capacity votes: stored; prices take effect at the next {@code update_prices}. */
  void setVote(TxContext ctx, ObjectId capId, UnaryOperator<VotingParams> change) {
    StakingPool pool = poolOfCap(ctx, capId);
    store.pools.put(pool.withVotes(change.apply(pool.votes())));
  }

  /** {@code try_join_active_set}: re-enters the pool's current stake into the active set. */
  void tryJoinActiveSet(TxContext ctx, Operation.TryJoinActiveSet op) {
    StakingPool pool = poolOfCap(ctx, op.nodeCap());
    Abort.check(!store.ledger.challenges().isJailed(pool.nodeId(), store.state().epoch()), StakingErrors.STAKING_INNER,
        StakingErrors.NODE_JAILED, "node " + pool.nodeId() + " is jailed for failing storage challenges");
    store.refreshActiveSet(pool);
  }

  private StakingPool poolOfCap(TxContext ctx, ObjectId capId) {
    StorageNodeCap cap = store.ledger.objects().requireOwned(ctx, capId, StorageNodeCap.class);
    return store.pools.require(cap.nodeId());
  }

  private static void checkAuthorized(TxContext ctx, Address authorized, String what) {
    Abort.check(authorized.equals(ctx.sender()), StakingErrors.STAKING_POOL, StakingErrors.AUTHORIZATION_FAILURE,
        ctx.sender() + " is not the " + what + " " + authorized);
  }

  /**
   * The key signs {@code [0,0,3] ‖ epoch ‖ sender ‖ key}: proof that the sender holds it, which
   * keeps rogue keys out of aggregated committee signatures.
   */
  private static void checkProofOfPossession(TxContext ctx, int epoch, BlsPublicKey key, BlsSignature proof) {
    Abort.check(ProofOfPossession.verify(key, epoch, ctx.sender(), proof), StakingErrors.STAKING_POOL,
        StakingErrors.INVALID_PROOF_OF_POSSESSION, "invalid proof of possession for epoch " + epoch);
  }

  private static void checkName(String name) {
    int length = name.getBytes(StandardCharsets.UTF_8).length;
    Abort.check(length <= MAX_NAME_LENGTH, StakingErrors.STAKING_POOL, StakingErrors.INVALID_NAME_LENGTH,
        "name is " + length + " bytes, at most " + MAX_NAME_LENGTH + " allowed");
  }

  private static void checkNetworkAddress(String address) {
    int length = address.getBytes(StandardCharsets.UTF_8).length;
    Abort.check(length <= MAX_NETWORK_ADDRESS_LENGTH, StakingErrors.STAKING_POOL,
        StakingErrors.INVALID_NETWORK_ADDRESS_LENGTH,
        "network address is " + length + " bytes, at most " + MAX_NETWORK_ADDRESS_LENGTH + " allowed");
  }

  private static void checkNetworkPublicKey(byte[] key) {
    Abort.check(key.length == NETWORK_PUBLIC_KEY_LENGTH, StakingErrors.STORAGE_NODE,
        StakingErrors.INVALID_NETWORK_PUBLIC_KEY,
        "network public key is " + key.length + " bytes, not " + NETWORK_PUBLIC_KEY_LENGTH);
  }

  private static void checkCommissionRate(int rate) {
    Abort.check(rate >= 0 && rate <= Commission.MAX_RATE, StakingErrors.STAKING_POOL,
        StakingErrors.INCORRECT_COMMISSION_RATE, "commission rate " + rate + " exceeds " + Commission.MAX_RATE);
  }
}
