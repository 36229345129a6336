package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.BeaconMessage;
import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.LedgerTestNetwork;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.StorageResource;
import dev.walrus.ledger.state.staking.EpochState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A whole ledger with storage challenges for tests: {@code n} nodes with real BLS keys registered
 * and staked in epoch 0, so they form the committee of epoch 1; helpers to store certified blobs,
 * move through epochs (every member reports its sync), open the window, ack, report and close.
 * Deterministic: the same calls give the same chain.
 */
public final class ChallengeNetwork {
  public static final long WAL = GenesisConfig.FROST_PER_WAL;
  public static final long EPOCH_MS = 100_000;
  static final long EPOCH_ZERO_MS = 10_000;

  public final LedgerTestNetwork net;
  public final List<Ed25519KeyPair> operators = new ArrayList<>();
  public final List<BlsKeyPair> keys = new ArrayList<>();
  public final List<ObjectId> nodes = new ArrayList<>();
  public final List<ObjectId> caps = new ArrayList<>();
  public final Ed25519KeyPair client = LedgerTestNetwork.key(500);
  final Ed25519KeyPair whale = LedgerTestNetwork.key(501);
  /** The whale's stake object on each node. */
  public final List<ObjectId> stakes = new ArrayList<>();
  private int blobSeed;

  /** {@code stakes[i]} WAL staked on node {@code i}; shards are apportioned by stake. */
  public ChallengeNetwork(int nShards, ChallengeConfig config, long... stakes) {
    TreeMap<Address, Long> allocations = new TreeMap<>();
    for (int i = 0; i < stakes.length; i++) {
      operators.add(LedgerTestNetwork.key(100 + i));
      allocations.put(operators.get(i).publicKey().toAddress(), 1_000_000 * WAL);
    }
    allocations.put(client.publicKey().toAddress(), 1_000_000 * WAL);
    allocations.put(whale.publicKey().toAddress(), 100_000_000 * WAL);
    GenesisConfig genesis = new GenesisConfig("challenge-test", 1_000_000, nShards, EPOCH_ZERO_MS, EPOCH_MS, 53, 150, 0,
        false, 0, LedgerTestNetwork.key(999).publicKey().toAddress(), allocations).withChallenges(config);
    this.net = new LedgerTestNetwork(genesis);
    for (int i = 0; i < stakes.length; i++) {
      Ed25519KeyPair op = operators.get(i);
      BlsKeyPair bls = BlsKeyPair.of(BlsPrivateKey.fromSeed(ByteBuffer.allocate(32).putInt(7_000 + i).array()));
      keys.add(bls);
      byte[] networkKey = new byte[33];
      networkKey[0] = 2;
      TransactionEffects e = ok(op, new Operation.RegisterCandidate("n" + i, "127.0.0.1:" + (9000 + i), bls.publicKey(),
          networkKey, ProofOfPossession.create(bls, 0, op.publicKey().toAddress()), 1000, 10, 1, 1L << 40));
      nodes.add(e.created().get(0));
      caps.add(e.created().get(1));
      if (stakes[i] > 0) {
        this.stakes.add(ok(whale, new Operation.StakeWithPool(nodes.get(i), stakes[i] * WAL)).created().get(0));
      }
    }
    net.tick(EPOCH_ZERO_MS);
    syncAll();
    assertThat(state().staking().epoch()).isEqualTo(1);
  }

  public LedgerState state() {
    return net.state;
  }

  public ChallengeRules rules() {
    return state().challenges().orElseThrow();
  }

  public int epoch() {
    return state().staking().epoch();
  }

  public Committee committee() {
    return state().staking().committee();
  }

  /** Index of node {@code id}. */
  public int indexOf(ObjectId id) {
    return nodes.indexOf(id);
  }

  public TransactionEffects ok(Ed25519KeyPair who, Operation op) {
    TransactionEffects e = net.run(who, op);
    assertThat(e.status()).as("%s: %s %s", op.getClass().getSimpleName(), e.abort(), e.rejection())
        .isEqualTo(TransactionEffects.Status.SUCCESS);
    return e;
  }

  /**
   * Runs {@code op} from {@code who}, asserts it aborted with {@code challenge::code}, and that the
   * state is exactly that of a twin ledger that ran a do-nothing transaction instead.
   */
  public TransactionEffects aborts(Ed25519KeyPair who, Operation op, int code) {
    byte[] before = state().snapshot();
    long sequence = state().services().accounts().get(who.publicKey().toAddress()).nextSequence();
    TransactionEffects e = net.run(who, op);
    assertThat(e.status()).as("%s", op).isEqualTo(TransactionEffects.Status.ABORTED);
    assertThat(e.abort().module() + "::" + e.abort().code()).as(e.abort().message())
        .isEqualTo(ChallengeErrors.MODULE + "::" + code);
    assertThat(e.events()).isEmpty();
    LedgerState twin = LedgerState.fromSnapshot(net.genesis, before);
    var noop = new dev.walrus.ledger.api.Transaction(twin.network(), who.publicKey(), sequence,
        net.genesis.transactionFee(), new Operation.Transfer(who.publicKey().toAddress(), 0));
    twin.applyBlock(net.now(), List.of(noop.sign(who)));
    assertThat(state().stateDigest()).as("state after the abort").isEqualTo(twin.stateDigest());
    return e;
  }

  /** Every member reports its sync, completing the epoch change. */
  public void syncAll() {
    List<SignedTransaction> txs = new ArrayList<>();
    for (Committee.Member m : committee().members()) {
      int i = indexOf(m.nodeId());
      txs.add(net.tx(operators.get(i), new Operation.EpochSyncDone(caps.get(i), epoch())));
    }
    net.block(1, txs);
    assertThat(state().staking().epochStatus().state()).isInstanceOf(EpochState.ChangeDone.class);
  }

  /** Stores a certified blob of {@code size} bytes for {@code epochs} epochs. */
  public BlobObject storeBlob(long size, int epochs, boolean deletable) {
    byte[] root = Blake2b256.digest(ByteBuffer.allocate(4).putInt(blobSeed++).array());
    BlobId id = BlobMetadata.deriveBlobId(EncodingType.RS2, size, Node.digest(root));
    long encoded = state().system().encodedSize(size);
    TransactionEffects reserved = ok(client, new Operation.ReserveSpace(encoded, epochs));
    ObjectId storage = reserved.created().stream()
        .filter(o -> state().services().objects().find(o) instanceof StorageResource).findFirst().orElseThrow();
    TransactionEffects registered = ok(client, new Operation.RegisterBlob(storage, id, root, size, 1, deletable));
    BlobObject blob = (BlobObject) registered.created().stream().map(o -> state().services().objects().find(o))
        .filter(BlobObject.class::isInstance).findFirst().orElseThrow();
    BlobPersistence p = deletable ? BlobPersistence.deletable(blob.id()) : BlobPersistence.PERMANENT;
    byte[] message = new StorageConfirmation(epoch(), id, p).toBcs();
    Committee c = committee();
    int[] signers = IntStream.range(0, c.members().size()).toArray();
    List<BlsSignature> sigs = new ArrayList<>();
    for (Committee.Member m : c.members()) {
      sigs.add(keys.get(indexOf(m.nodeId())).sign(message));
    }
    ok(client, new Operation.CertifyBlob(blob.id(), BlsSignature.aggregate(sigs),
        ProtocolMessageCertificate.signersBitmap(signers, c.members().size()), message));
    return (BlobObject) state().services().objects().find(blob.id());
  }

  /** Invalidates {@code id} with a certificate of the whole committee. */
  public void invalidate(BlobId id) {
    byte[] message = new dev.walrus.core.messages.InvalidBlobIdMessage(epoch(), id).toBcs();
    ok(client, new Operation.InvalidateBlobId(allSign(message), allBitmap(), message));
  }

  private BlsSignature allSign(byte[] message) {
    List<BlsSignature> sigs = new ArrayList<>();
    for (Committee.Member m : committee().members()) {
      sigs.add(keys.get(indexOf(m.nodeId())).sign(message));
    }
    return BlsSignature.aggregate(sigs);
  }

  private byte[] allBitmap() {
    int size = committee().members().size();
    return ProtocolMessageCertificate.signersBitmap(IntStream.range(0, size).toArray(), size);
  }

  /** Ticks to the next epoch and completes its change. */
  public List<LedgerEvent> nextEpoch() {
    long change = state().staking().epochStatus().epochChangeMs().orElseThrow();
    BlockResult r = net.tick(Math.max(1, change - net.now()));
    List<LedgerEvent> events = r.events().stream().map(EventEnvelope::event).toList();
    syncAll();
    return events;
  }

  public ChallengeTiming timing() {
    return rules().timing().orElseThrow();
  }

  public void tickTo(long timeMs) {
    net.tick(Math.max(0, timeMs - net.now()));
  }

  public Operation.ChallengeAck ack(int i) {
    ObjectId node = nodes.get(i);
    return new Operation.ChallengeAck(caps.get(i), epoch(), keys.get(i).sign(new BeaconMessage(epoch(), node).toBcs()));
  }

  /** Opens the window and has the given nodes ack in one block. */
  public BlockResult ackAll(int... who) {
    tickTo(timing().tOpen());
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i : who) {
      txs.add(net.tx(operators.get(i), ack(i)));
    }
    return net.block(1, txs);
  }

  public ChallengeEpoch current() {
    return rules().epoch(epoch()).orElseThrow();
  }

  /** A report by node {@code i} with {@code entries} for the current seed, signed. */
  public Operation.ChallengeSubmitReport report(int i, List<ReportEntry> entries) {
    ChallengeEpoch rec = current();
    ChallengeReport report = new ChallengeReport(epoch(), nodes.get(i), rec.seed().orElseThrow(),
        rec.setDigest().orElseThrow(), entries);
    SignedChallenge signed = SignedChallenge.sign(keys.get(i), report);
    return new Operation.ChallengeSubmitReport(epoch(), signed.message(), signed.signature());
  }

  /** What an honest node reports: it challenged everyone, everyone challenged it, all items proven. */
  public List<ReportEntry> honestEntries(int reporter, Map<Integer, List<Integer>> failedShards) {
    List<ReportEntry> out = new ArrayList<>();
    int tau = current().tau();
    for (Committee.Member m : committee().members()) {
      int i = indexOf(m.nodeId());
      if (i == reporter) {
        continue;
      }
      List<Integer> failed = failedShards.getOrDefault(i, List.of());
      int items = tau * m.weight();
      out.add(new ReportEntry(m.nodeId(), ReportEntry.ISSUED | ReportEntry.RECEIVED, items, items - failed.size(), 0, 0,
          failed));
    }
    return out;
  }

  /** Submits reports from {@code who} at {@code t_close}, each honest except for {@code failed}. */
  public void reportAll(Map<Integer, List<Integer>> failed, int... who) {
    tickTo(timing().tClose());
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i : who) {
      txs.add(net.tx(client, report(i, honestEntries(i, failed))));
    }
    BlockResult r = net.block(1, txs);
    for (TransactionEffects e : r.effects()) {
      assertThat(e.succeeded()).as("%s", e.abort()).isTrue();
    }
  }

  public Map<Integer, List<Integer>> noFailures() {
    return new HashMap<>();
  }

  /** All indices {@code 0..n-1}. */
  public int[] all() {
    return IntStream.range(0, nodes.size()).toArray();
  }

  /** The events of type {@code type} in {@code events}. */
  public static <T> List<T> of(List<LedgerEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
