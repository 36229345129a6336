package dev.walrus.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.objects.StorageResource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Walrus's whole on-chain flow through {@link LedgerState#applyBlock} with the real rules: nodes
 * register with proofs of possession and are staked, ledger time brings the first committee,
 * nodes sync, a client reserves storage and registers a blob encoded by the real codec, the
 * committee's aggregated storage confirmations certify it, epochs pass and pay the nodes and
 * their delegators, a deletable blob is deleted, an invalid blob is invalidated. Every block
 * conserves the WAL supply.
 */
class WalrusFlowTest {
  private static final long WAL = GenesisConfig.FROST_PER_WAL;
  private static final int N_SHARDS = 10;
  private static final long EPOCH = 60_000;

  private final List<Ed25519KeyPair> operators =
      List.of(LedgerTestNetwork.key(1), LedgerTestNetwork.key(2), LedgerTestNetwork.key(3), LedgerTestNetwork.key(4));
  private final Ed25519KeyPair user = LedgerTestNetwork.key(10);
  private final Ed25519KeyPair delegator = LedgerTestNetwork.key(11);
  private final LedgerTestNetwork net = new LedgerTestNetwork(N_SHARDS, EPOCH,
      operators.get(0), operators.get(1), operators.get(2), operators.get(3), user, delegator);
  private final List<ObjectId> nodes = new ArrayList<>();
  private final List<ObjectId> caps = new ArrayList<>();
  private final List<BlsKeyPair> blsKeys = new ArrayList<>();

  @Test
  void blobsAreStoredCertifiedPaidForAndNodesRewarded() {
    for (int i = 0; i < operators.size(); i++) {
      register(i);
    }
    for (int i = 0; i < operators.size(); i++) {
      ok(operators.get(i), new Operation.StakeWithPool(nodes.get(i), 100 * WAL));
    }
    ObjectId delegated = only(ok(delegator, new Operation.StakeWithPool(nodes.get(0), 50 * WAL)),
        LedgerEvent.StakeDeposited.class).stakedWalId();

    // Ledger time alone starts epoch 1 with a committee of all four nodes.
    List<LedgerEvent> start = tick(EPOCH + 1);
    assertThat(start).contains(new LedgerEvent.EpochParametersSelected(1), new LedgerEvent.EpochChangeStart(1));
    Committee committee = net.state.staking().committee();
    assertThat(committee.epoch()).isEqualTo(1);
    assertThat(committee.nShards()).isEqualTo(N_SHARDS);
    assertThat(committee.members()).hasSize(4);
    syncAll(1);
    assertThat(net.state.system().storagePrice()).isEqualTo(1000);
    assertThat(net.state.system().writePrice()).isEqualTo(100);

    // A client stores a permanent blob: reserve, register, certify.
    byte[] blob = new byte[5000];
    new Random(3).nextBytes(blob);
    BlobMetadataWithId metadata = new BlobEncoder(EncodingConfig.forShards(N_SHARDS)).computeMetadata(blob);
    long encoded = EncodingConfig.forShards(N_SHARDS).encodedLength(blob.length);
    assertThat(net.state.system().encodedSize(blob.length)).isEqualTo(encoded);
    long before = net.balance(user);
    ObjectId storage = reserve(encoded, 3);
    assertThat(before - net.balance(user)).isEqualTo(net.state.system().storageCost(encoded, 3));
    ObjectId blobObject = register(storage, metadata, false);
    BlobId blobId = metadata.blobId();

    byte[] confirmation = new StorageConfirmation(1, blobId, BlobPersistence.PERMANENT).toBcs();
    TransactionEffects belowQuorum = net.run(user, certify(blobObject, confirmation, 0, 1));
    assertThat(belowQuorum.abort()).extracting(TransactionEffects.Abort::module, TransactionEffects.Abort::code)
        .containsExactly("bls_aggregate", 2);
    List<LedgerEvent> certified = ok(user, certify(blobObject, confirmation, 0, 1, 2, 3));
    assertThat(only(certified, LedgerEvent.BlobCertified.class).blobId()).isEqualTo(blobId);
    assertThat(net.state.system().blobObjects(blobId)).hasSize(1);

    // A deletable blob is certified against its object and deleted; its Storage comes back.
    ObjectId storage2 = reserve(encoded, 2);
    BlobMetadataWithId other = new BlobEncoder(EncodingConfig.forShards(N_SHARDS)).computeMetadata(new byte[10]);
    ObjectId deletable = register(storage2, other, true);
    byte[] deletableConfirmation =
        new StorageConfirmation(1, other.blobId(), BlobPersistence.deletable(deletable)).toBcs();
    ok(user, certify(deletable, deletableConfirmation, 0, 1, 2, 3));
    List<LedgerEvent> deleted = ok(user, new Operation.DeleteBlob(deletable));
    assertThat(only(deleted, LedgerEvent.BlobDeleted.class).wasCertified()).isTrue();
    assertThat(net.state.services().objects().find(storage2)).isInstanceOf(StorageResource.class);

    // f + 1 shard weight of nodes invalidate a blob ID.
    byte[] invalid = new InvalidBlobIdMessage(1, blobId).toBcs();
    List<LedgerEvent> invalidated = ok(user, invalidation(invalid, 0, 1));
    assertThat(invalidated).contains(new LedgerEvent.InvalidBlobId(1, blobId));

    // Epoch 1 ends: its pot (storage for epoch 1, write fees) pays the committee's pools.
    List<LedgerEvent> change = tick(EPOCH);
    assertThat(change).contains(new LedgerEvent.EpochChangeStart(2));
    List<LedgerEvent.PoolRewarded> rewards = change.stream()
        .filter(LedgerEvent.PoolRewarded.class::isInstance).map(LedgerEvent.PoolRewarded.class::cast).toList();
    assertThat(rewards).hasSize(4).allSatisfy(r -> assertThat(r.reward()).isPositive());
    assertThat(change).anySatisfy(e -> assertThat(e).isInstanceOf(LedgerEvent.WalBurned.class));
    syncAll(2);

    // The delegator leaves with principal and a share of the rewards.
    ok(delegator, new Operation.RequestWithdrawStake(delegated));
    tick(EPOCH);
    syncAll(3);
    long balance = net.balance(delegator);
    LedgerEvent.StakeWithdrawn withdrawn =
        only(ok(delegator, new Operation.WithdrawStake(delegated)), LedgerEvent.StakeWithdrawn.class);
    assertThat(withdrawn.principal()).isEqualTo(50 * WAL);
    assertThat(withdrawn.rewards()).isPositive();
    assertThat(net.balance(delegator) - balance).isEqualTo(withdrawn.principal() + withdrawn.rewards());
  }

  /**
   * Certificates of one block are checked in parallel batches before execution; a wrong
   * signature or too few signers among them fails exactly that transaction, as it would alone.
   */
  @Test
  void certificatesInOneBlockHaveTheOutcomesTheyWouldHaveAlone() {
    for (int i = 0; i < operators.size(); i++) {
      register(i);
      ok(operators.get(i), new Operation.StakeWithPool(nodes.get(i), 100 * WAL));
    }
    tick(EPOCH + 1);
    syncAll(1);
    EncodingConfig config = EncodingConfig.forShards(N_SHARDS);
    List<BlobMetadataWithId> blobs = new ArrayList<>();
    List<ObjectId> objects = new ArrayList<>();
    for (int b = 0; b < 40; b++) {
      blobs.add(new BlobEncoder(config).computeMetadata(new byte[] {(byte) b, 1, 2}));
      objects.add(register(reserve(config.encodedLength(3), 1), blobs.get(b), false));
    }
    List<dev.walrus.ledger.api.SignedTransaction> certifications = new ArrayList<>();
    for (int b = 0; b < 40; b++) {
      BlobMetadataWithId metadata = blobs.get(b);
      ObjectId blobObject = objects.get(b);
      byte[] confirmation = new StorageConfirmation(1, metadata.blobId(), BlobPersistence.PERMANENT).toBcs();
      Operation op = switch (b) {
        case 5 -> { // signed by the right nodes, but over another blob's confirmation
          byte[] other = new StorageConfirmation(1, BlobId.of(new byte[32]), BlobPersistence.PERMANENT).toBcs();
          ProtocolMessageCertificate cert = certificate(other, 0, 1, 2, 3);
          yield new Operation.CertifyBlob(blobObject, cert.signature(), cert.signersBitmap(4), confirmation);
        }
        case 12 -> certify(blobObject, confirmation, 1, 2);
        default -> certify(blobObject, confirmation, 0, 1, 2);
      };
      certifications.add(net.tx(user, op));
    }
    BlockResult block = net.block(1, certifications);
    for (int b = 0; b < 40; b++) {
      TransactionEffects e = block.effects().get(b);
      switch (b) {
        case 5 -> assertThat(e.abort()).extracting(TransactionEffects.Abort::module, TransactionEffects.Abort::code)
            .containsExactly("bls_aggregate", 1);
        case 12 -> assertThat(e.abort()).extracting(TransactionEffects.Abort::module, TransactionEffects.Abort::code)
            .containsExactly("bls_aggregate", 2);
        default -> assertThat(e.succeeded()).as("blob %d: %s", b, e.abort()).isTrue();
      }
    }
  }

  private void register(int i) {
    byte[] seed = ByteBuffer.allocate(32).putInt(77).putInt(i).array();
    BlsKeyPair bls = BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
    Address operator = operators.get(i).publicKey().toAddress();
    BlsSignature pop = ProofOfPossession.create(bls, net.state.staking().epoch(), operator);
    byte[] networkKey = new byte[33];
    networkKey[0] = 2;
    networkKey[1] = (byte) i;
    LedgerEvent.StakingPoolCreated created = only(ok(operators.get(i), new Operation.RegisterCandidate(
        "node-" + i, "127.0.0.1:" + (9100 + i), bls.publicKey(), networkKey, pop, 1000, 1000, 100, 1L << 40)),
        LedgerEvent.StakingPoolCreated.class);
    nodes.add(created.nodeId());
    caps.add(created.nodeCapId());
    blsKeys.add(bls);
  }

  private void syncAll(int epoch) {
    for (Committee.Member m : net.state.staking().committee().members()) {
      int i = nodes.indexOf(m.nodeId());
      ok(operators.get(i), new Operation.EpochSyncDone(caps.get(i), epoch));
    }
    assertThat(net.state.staking().epochStatus().state()).isInstanceOf(
        dev.walrus.ledger.state.staking.EpochState.ChangeDone.class);
  }

  private ObjectId reserve(long size, int epochs) {
    TransactionEffects e = net.run(user, new Operation.ReserveSpace(size, epochs));
    assertThat(e.succeeded()).as(String.valueOf(e.abort())).isTrue();
    return e.created().get(0);
  }

  private ObjectId register(ObjectId storage, BlobMetadataWithId metadata, boolean deletable) {
    List<LedgerEvent> events = ok(user, new Operation.RegisterBlob(storage, metadata.blobId(),
        metadata.rootHash().bytes(), metadata.unencodedLength(), 1, deletable));
    return only(events, LedgerEvent.BlobRegistered.class).objectId();
  }

  /** A certificate signed by the given members (indices in committee order). */
  private Operation certify(ObjectId blob, byte[] message, int... signers) {
    ProtocolMessageCertificate cert = certificate(message, signers);
    return new Operation.CertifyBlob(blob, cert.signature(), cert.signersBitmap(4), message);
  }

  private Operation invalidation(byte[] message, int... signers) {
    ProtocolMessageCertificate cert = certificate(message, signers);
    return new Operation.InvalidateBlobId(cert.signature(), cert.signersBitmap(4), message);
  }

  private ProtocolMessageCertificate certificate(byte[] message, int... signers) {
    Committee c = net.state.staking().committee();
    List<BlsSignature> signatures = new ArrayList<>();
    for (int s : signers) {
      BlsKeyPair key = blsKeys.get(nodes.indexOf(c.members().get(s).nodeId()));
      signatures.add(key.sign(message));
    }
    return new ProtocolMessageCertificate(signers, message, BlsSignature.aggregate(signatures));
  }

  private List<LedgerEvent> ok(Ed25519KeyPair sender, Operation op) {
    TransactionEffects e = net.run(sender, op);
    assertThat(e.succeeded()).as(op.getClass().getSimpleName() + " → " + e.abort() + " " + e.rejection()).isTrue();
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
    return e.events().stream().map(EventEnvelope::event).toList();
  }

  private List<LedgerEvent> tick(long ms) {
    BlockResult r = net.tick(ms);
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
    return r.events().stream().map(EventEnvelope::event).toList();
  }

  private static <T> T only(List<LedgerEvent> events, Class<T> type) {
    List<T> matching = events.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
