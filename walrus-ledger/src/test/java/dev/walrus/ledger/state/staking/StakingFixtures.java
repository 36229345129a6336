package dev.walrus.ledger.state.staking;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.StakingTestLedger;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Deterministic node keys and registrations for the staking tests. */
final class StakingFixtures {
  static final long WAL = StakingTestLedger.WAL;
  private static final ConcurrentHashMap<Integer, BlsKeyPair> KEYS = new ConcurrentHashMap<>();

  private StakingFixtures() {}

  /** A registered node: its operator, key, pool (node) ID and cap. */
  record Node(Address operator, BlsKeyPair key, ObjectId id, ObjectId cap) {}

  static BlsKeyPair bls(int i) {
    return KEYS.computeIfAbsent(i, k -> {
      byte[] seed = new byte[32];
      seed[0] = (byte) k.intValue();
      seed[1] = (byte) (k.intValue() >> 8);
      seed[31] = 42;
      return BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
    });
  }

  static byte[] networkKey(int i) {
    byte[] k = new byte[33];
    k[0] = 2;
    k[1] = (byte) i;
    return k;
  }

  static Operation.RegisterCandidate registration(
      int i, int epoch, Address sender, int commission, long storagePrice, long writePrice, long capacity) {
    BlsKeyPair key = bls(i);
    return new Operation.RegisterCandidate(
        "node-" + i, "node" + i + ".example:9185", key.publicKey(), networkKey(i),
        ProofOfPossession.create(key, epoch, sender), commission, storagePrice, writePrice, capacity);
  }

  /** Registers node {@code i} operated by {@code operator} in the test ledger. */
  static Node register(StakingTestLedger l, int i, Address operator, int commission) {
    return register(l, i, operator, commission, 100, 10, 1_000_000);
  }

  static Node register(
      StakingTestLedger l, int i, Address operator, int commission, long storagePrice, long writePrice, long capacity) {
    var outcome = l.ok(operator, registration(i, l.staking.epoch(), operator, commission, storagePrice, writePrice, capacity));
    LedgerEvent.StakingPoolCreated created = only(outcome.events(), LedgerEvent.StakingPoolCreated.class);
    return new Node(operator, bls(i), created.nodeId(), created.nodeCapId());
  }

  /** Stakes {@code wal} WAL with {@code node} and returns the new StakedWal's ID. */
  static ObjectId stake(StakingTestLedger l, Address staker, Node node, long wal) {
    var outcome = l.ok(staker, new Operation.StakeWithPool(node.id(), wal * WAL));
    return only(outcome.events(), LedgerEvent.StakeDeposited.class).stakedWalId();
  }

  static <T extends LedgerEvent> T only(List<LedgerEvent> events, Class<T> type) {
    List<T> matching = events.stream().filter(type::isInstance).map(type::cast).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " in " + events);
    }
    return matching.getFirst();
  }

  static <T extends LedgerEvent> List<T> all(List<LedgerEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
