package dev.walrus.ledger.replication;

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
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.LedgerTestNetwork;
import dev.walrus.ledger.state.ProposerChecks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's checks carried in blocks ({@link ProposerChecks}): a follower that trusts them, a
 * replica that replays the log written before checks were carried (checking everything itself),
 * and a replica restored from a snapshot taken midway all reach the leader's state, block root
 * by block root — through registrations, epoch changes and blocks of certificates, some of them
 * invalid.
 */
class LeaderChecksTest {
  private static final long WAL = GenesisConfig.FROST_PER_WAL;
  private static final long EPOCH = 60_000;

  private final List<Ed25519KeyPair> operators =
      List.of(LedgerTestNetwork.key(1), LedgerTestNetwork.key(2), LedgerTestNetwork.key(3), LedgerTestNetwork.key(4));
  private final Ed25519KeyPair user = LedgerTestNetwork.key(10);
  private final LedgerTestNetwork net = new LedgerTestNetwork(10, EPOCH,
      operators.get(0), operators.get(1), operators.get(2), operators.get(3), user);
  private final LeaderChecks leaderChecks = new LeaderChecks(() -> net.state.staking().committee());
  private final LedgerState follower = LedgerState.genesis(net.genesis);
  private final LedgerState replayer = LedgerState.genesis(net.genesis);
  private final List<ObjectId> nodes = new ArrayList<>();
  private final List<ObjectId> caps = new ArrayList<>();
  private final List<BlsKeyPair> blsKeys = new ArrayList<>();
  private final List<Long> blockTimes = new ArrayList<>();
  private final List<byte[]> log = new ArrayList<>();
  private int attestedCertificates;

  /** Every block goes through the leader's checks and the log's encoding to three replicas. */
  @BeforeEach
  void replicate() {
    net.executeWith((time, transactions) -> {
      ProposerChecks checks = leaderChecks.apply(transactions);
      byte[] entry = new Block(time, transactions.stream().map(SignedTransaction::toBcs).toList(), checks).encode();
      log.add(entry);
      blockTimes.add(time);
      Block.Decoded decoded = Block.decode(entry).decode();
      attestedCertificates += decoded.checks().certificates().size();
      BlockResult leader = net.state.applyBlock(time, decoded.transactions(), decoded.checks());
      assertSame(leader, follower.applyBlock(time, decoded.transactions(), decoded.checks()));
      assertSame(leader, replayer.applyBlock(time, transactions));
      return leader;
    });
  }

  @Test
  void replicasTrustingTheLeaderAndReplicasCheckingEverythingAgree() {
    startEpochOne();
    EncodingConfig config = EncodingConfig.forShards(10);
    List<BlobMetadataWithId> blobs = new ArrayList<>();
    List<ObjectId> objects = new ArrayList<>();
    for (int b = 0; b < 24; b++) {
      blobs.add(new BlobEncoder(config).computeMetadata(new byte[] {(byte) b, 9}));
      objects.add(register(reserve(config.encodedLength(2)), blobs.get(b)));
    }
    List<SignedTransaction> block = new ArrayList<>();
    for (int b = 0; b < 24; b++) {
      byte[] confirmation = new StorageConfirmation(1, blobs.get(b).blobId(), BlobPersistence.PERMANENT).toBcs();
      Operation op = switch (b) {
        case 3 -> { // the right signers, but over another message: the signature is invalid
          byte[] other = new StorageConfirmation(1, BlobId.of(new byte[32]), BlobPersistence.PERMANENT).toBcs();
          ProtocolMessageCertificate cert = certificate(other, 0, 1, 2, 3);
          yield new Operation.CertifyBlob(objects.get(b), cert.signature(), cert.signersBitmap(4), confirmation);
        }
        case 7 -> certify(objects.get(b), confirmation, 1, 2); // a valid signature, too little weight
        default -> certify(objects.get(b), confirmation, 0, 1, 2);
      };
      block.add(net.tx(user, op));
    }
    block.add(forged(new Operation.Transfer(operators.get(0).publicKey().toAddress(), 1)));
    BlockResult result = net.block(1, block);
    for (int b = 0; b < 24; b++) {
      TransactionEffects e = result.effects().get(b);
      switch (b) {
        case 3 -> assertThat(abortOf(e)).isEqualTo("bls_aggregate:1");
        case 7 -> assertThat(abortOf(e)).isEqualTo("bls_aggregate:2");
        default -> assertThat(e.succeeded()).as("blob %d: %s", b, e.abort()).isTrue();
      }
    }
    assertThat(result.effects().get(24).status()).isEqualTo(TransactionEffects.Status.REJECTED);
    // The leader vouched for the 23 valid signatures (the one below quorum included), not the bad one.
    assertThat(attestedCertificates).isEqualTo(23);

    byte[] invalid = new InvalidBlobIdMessage(1, blobs.get(0).blobId()).toBcs();
    TransactionEffects invalidated = net.run(user, invalidation(invalid, 0, 1));
    assertThat(invalidated.succeeded()).isTrue();
    // Epoch 2 starts in the same block as a certificate the leader checked against epoch 1's committee.
    BlobMetadataWithId late = new BlobEncoder(config).computeMetadata(new byte[] {42});
    ObjectId lateObject = register(reserve(config.encodedLength(1)), late);
    byte[] lateConfirmation = new StorageConfirmation(1, late.blobId(), BlobPersistence.PERMANENT).toBcs();
    BlockResult change = net.block(EPOCH, List.of(net.tx(user, certify(lateObject, lateConfirmation, 0, 1, 2, 3))));
    assertThat(change.events()).extracting(EventEnvelope::event).contains(new LedgerEvent.EpochChangeStart(2));
    assertThat(abortOf(change.effects().get(0))).isEqualTo("messages:1");
  }

  @Test
  void aReplicaRestoredFromASnapshotAndReplayingTheLogReachesTheLeadersState() {
    startEpochOne();
    byte[] snapshot = follower.snapshot();
    int replayFrom = log.size();
    EncodingConfig config = EncodingConfig.forShards(10);
    for (int b = 0; b < 6; b++) {
      BlobMetadataWithId blob = new BlobEncoder(config).computeMetadata(new byte[] {(byte) b, 3});
      ObjectId object = register(reserve(config.encodedLength(2)), blob);
      byte[] confirmation = new StorageConfirmation(1, blob.blobId(), BlobPersistence.PERMANENT).toBcs();
      assertThat(net.run(user, certify(object, confirmation, 0, 1, 2, 3)).succeeded()).isTrue();
    }
    assertThat(attestedCertificates).isEqualTo(6);
    LedgerState restarted = LedgerState.fromSnapshot(net.genesis, snapshot);
    for (int i = replayFrom; i < log.size(); i++) {
      Block.Decoded d = Block.decode(log.get(i)).decode();
      restarted.applyBlock(blockTimes.get(i), d.transactions(), d.checks());
    }
    assertThat(restarted.stateDigest()).isEqualTo(net.state.stateDigest());
    assertThat(restarted.lastBlockRoot()).isEqualTo(net.state.lastBlockRoot());
  }

  @Test
  void aCheckIsTrustedOnlyForTheKeyTheReplicaComputes() {
    startEpochOne();
    EncodingConfig config = EncodingConfig.forShards(10);
    BlobMetadataWithId blob = new BlobEncoder(config).computeMetadata(new byte[] {5});
    ObjectId object = register(reserve(config.encodedLength(1)), blob);
    byte[] confirmation = new StorageConfirmation(1, blob.blobId(), BlobPersistence.PERMANENT).toBcs();
    byte[] other = new StorageConfirmation(1, BlobId.of(new byte[32]), BlobPersistence.PERMANENT).toBcs();
    ProtocolMessageCertificate wrong = certificate(other, 0, 1, 2, 3);
    SignedTransaction tx = net.tx(user, new Operation.CertifyBlob(object, wrong.signature(), wrong.signersBitmap(4),
        confirmation));
    Committee committee = net.state.staking().committee();
    BitSet signed = new BitSet();
    signed.set(0);
    // A claim for another key (here: three of the four signers) is not the signers' key: checked, refused.
    byte[] threeSigners = dev.walrus.core.crypto.BlsPublicKey.aggregate(List.of(committee.members().get(0).publicKey(),
        committee.members().get(1).publicKey(), committee.members().get(2).publicKey())).bytes();
    LedgerState copy = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    BlockResult r = copy.applyBlock(net.now() + 1, List.of(tx),
        new ProposerChecks(signed, List.of(new ProposerChecks.Certificate(0, 0, threeSigners))));
    assertThat(abortOf(r.effects().get(0))).isEqualTo("bls_aggregate:1");
    // Positions that name no certificate are ignored.
    LedgerState copy2 = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    BlockResult r2 = copy2.applyBlock(net.now() + 1, List.of(tx),
        new ProposerChecks(signed, List.of(new ProposerChecks.Certificate(0, 1, threeSigners),
            new ProposerChecks.Certificate(5, 0, threeSigners))));
    assertThat(abortOf(r2.effects().get(0))).isEqualTo("bls_aggregate:1");
    assertThat(copy2.stateDigest()).isEqualTo(copy.stateDigest());
  }

  // ---- the flow ---------------------------------------------------------------------------------

  private static void assertSame(BlockResult leader, BlockResult other) {
    assertThat(HexFormat.of().formatHex(other.stateDigest())).isEqualTo(HexFormat.of().formatHex(leader.stateDigest()));
    assertThat(other.blockRoot()).isEqualTo(leader.blockRoot());
    assertThat(LedgerJson.mapper().writeValueAsString(other.effects()))
        .isEqualTo(LedgerJson.mapper().writeValueAsString(leader.effects()));
  }

  private void startEpochOne() {
    for (int i = 0; i < operators.size(); i++) {
      byte[] seed = ByteBuffer.allocate(32).putInt(78).putInt(i).array();
      BlsKeyPair bls = BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
      Address operator = operators.get(i).publicKey().toAddress();
      byte[] networkKey = new byte[33];
      networkKey[0] = 2;
      networkKey[1] = (byte) i;
      TransactionEffects e = ok(operators.get(i), new Operation.RegisterCandidate("node-" + i, "127.0.0.1:" + (9100 + i),
          bls.publicKey(), networkKey, ProofOfPossession.create(bls, 0, operator), 1000, 1000, 100, 1L << 40));
      LedgerEvent.StakingPoolCreated created = e.events().stream().map(EventEnvelope::event)
          .filter(LedgerEvent.StakingPoolCreated.class::isInstance).map(LedgerEvent.StakingPoolCreated.class::cast)
          .findFirst().orElseThrow();
      nodes.add(created.nodeId());
      caps.add(created.nodeCapId());
      blsKeys.add(bls);
      ok(operators.get(i), new Operation.StakeWithPool(created.nodeId(), 100 * WAL));
    }
    net.tick(EPOCH + 1);
    for (Committee.Member m : net.state.staking().committee().members()) {
      int i = nodes.indexOf(m.nodeId());
      ok(operators.get(i), new Operation.EpochSyncDone(caps.get(i), 1));
    }
    assertThat(net.state.staking().committee().members()).hasSize(4);
  }

  private ObjectId reserve(long size) {
    return ok(user, new Operation.ReserveSpace(size, 3)).created().get(0);
  }

  private ObjectId register(ObjectId storage, BlobMetadataWithId metadata) {
    return ok(user, new Operation.RegisterBlob(storage, metadata.blobId(), metadata.rootHash().bytes(),
        metadata.unencodedLength(), 1, false)).created().get(0);
  }

  private TransactionEffects ok(Ed25519KeyPair sender, Operation op) {
    TransactionEffects e = net.run(sender, op);
    assertThat(e.succeeded()).as(op.getClass().getSimpleName() + " → " + e.abort() + " " + e.rejection()).isTrue();
    return e;
  }

  /** A transaction of {@code user} with the sequence number it would get, signed by someone else. */
  private SignedTransaction forged(Operation op) {
    long sequence = net.state.services().accounts().get(user.publicKey().toAddress()).nextSequence() + 24;
    Transaction t = new Transaction(net.state.network(), user.publicKey(), sequence, 0, op);
    return new SignedTransaction(t, operators.get(0).sign(t.digest()));
  }

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
      signatures.add(blsKeys.get(nodes.indexOf(c.members().get(s).nodeId())).sign(message));
    }
    return new ProtocolMessageCertificate(signers, message, BlsSignature.aggregate(signatures));
  }

  private static String abortOf(TransactionEffects e) {
    return e.abort() == null ? String.valueOf(e.status()) : e.abort().module() + ":" + e.abort().code();
  }
}
