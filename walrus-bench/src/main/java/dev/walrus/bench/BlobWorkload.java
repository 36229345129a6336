package dev.walrus.bench;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.stream.IntStream;

/**
 * The ledger side of storing blobs: per blob a client reserves storage, registers the blob and
 * certifies it with the committee's aggregated storage confirmations — Walrus's three on-chain
 * steps, as three transactions or, as Walrus's clients do, reserve and register in one. Four
 * storage nodes register with proofs of possession and are staked during epoch 0; the benchmark
 * runs in epoch 1 once they have synced.
 *
 * <p>All transactions of a blob are signed before submission: the storage and blob objects they
 * refer to are named by {@link ObjectIds} from the previous transaction's digest (within a batch,
 * by {@link ObjectIds#batchResult}).
 */
final class BlobWorkload {
  static final int N_SHARDS = 1000;
  /** How far ahead of the replicas' start genesis lies: their start-up must not eat epoch 0. */
  static final long START_ALLOWANCE_MS = 30_000;
  private static final int NODES = 4;
  private static final long WAL = GenesisConfig.FROST_PER_WAL;

  private final long blobSize;
  private final long encodedSize;
  private final int transactionsPerBlob;
  private final Map<BlsPublicKey, BlsKeyPair> blsKeys = new HashMap<>();
  private CommitteeView committee;

  /** @param transactionsPerBlob 3 (reserve, register, certify) or 2 (reserve + register as one batch, certify) */
  BlobWorkload(long blobSize, int transactionsPerBlob) {
    if (transactionsPerBlob != 2 && transactionsPerBlob != 3) {
      throw new IllegalArgumentException("--blob-transactions is 2 or 3, not " + transactionsPerBlob);
    }
    this.transactionsPerBlob = transactionsPerBlob;
    this.blobSize = blobSize;
    this.encodedSize = EncodingConfig.forShards(N_SHARDS).encodedLength(blobSize);
  }

  static Ed25519KeyPair operator(int i) {
    return LedgerBenchmark.key((1 << 19) + i);
  }

  /** Operators get WAL to stake in addition to the senders' allocations. */
  static void addOperators(SortedMap<Address, Long> allocations) {
    for (int i = 0; i < NODES; i++) {
      allocations.put(operator(i).publicKey().toAddress(), 1_000 * WAL);
    }
  }

  /** Registers and stakes the nodes, waits for epoch 1 and reports every node synced. */
  void setUp(LedgerClient ledger) throws InterruptedException {
    if (ledger.committee().epoch() != 0) {
      throw new IllegalStateException("epoch 0 ended before the nodes could register: the replicas took more than "
          + START_ALLOWANCE_MS / 1000 + " s to start");
    }
    List<ObjectId> caps = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      Ed25519KeyPair op = operator(i);
      BlsKeyPair bls = BlsKeyPair.of(BlsPrivateKey.fromSeed(ByteBuffer.allocate(32).putInt(91).putInt(i).array()));
      blsKeys.put(bls.publicKey(), bls);
      BlsSignature pop = ProofOfPossession.create(bls, 0, op.publicKey().toAddress());
      byte[] networkKey = new byte[33];
      networkKey[0] = 2;
      networkKey[1] = (byte) i;
      TransactionEffects registered = ok(ledger.execute(op, new Operation.RegisterCandidate("bench-node-" + i,
          "127.0.0.1:" + (9100 + i), bls.publicKey(), networkKey, pop, 1000, 1000, 100, 1L << 45)));
      LedgerEvent.StakingPoolCreated pool = registered.events().stream().map(EventEnvelope::event)
          .filter(LedgerEvent.StakingPoolCreated.class::isInstance).map(LedgerEvent.StakingPoolCreated.class::cast)
          .findFirst().orElseThrow();
      ok(ledger.execute(op, new Operation.StakeWithPool(pool.nodeId(), 500 * WAL)));
      caps.add(pool.nodeCapId());
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (ledger.committee().epoch() < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("epoch 1 did not start");
      }
      Thread.sleep(200);
    }
    for (int i = 0; i < NODES; i++) {
      ok(ledger.execute(operator(i), new Operation.EpochSyncDone(caps.get(i), 1)));
    }
    committee = ledger.committee();
    if (committee.members().size() != NODES) {
      throw new IllegalStateException("expected a committee of " + NODES + ", got " + committee.members().size());
    }
  }

  private static TransactionEffects ok(TransactionEffects e) {
    if (!e.succeeded()) {
      throw new IllegalStateException("set-up transaction failed: " + e.status() + " " + e.abort() + " " + e.rejection());
    }
    return e;
  }

  int transactionsPerBlob() {
    return transactionsPerBlob;
  }

  /**
   * Sender {@code s}'s plan: for each of {@code blobs} random blobs, reserve → register → certify
   * at sequences 3b, 3b+1, 3b+2, or reserve + register (one batch) → certify at 2b, 2b+1.
   * Signing (four BLS signatures per blob) runs in parallel.
   */
  List<List<SignedTransaction>> sign(byte[] network, int senders, int blobs) {
    return IntStream.range(0, senders).parallel().mapToObj(s -> signSender(network, s, blobs)).toList();
  }

  private List<SignedTransaction> signSender(byte[] network, int s, int blobs) {
    Ed25519KeyPair k = LedgerBenchmark.key(s);
    Random random = new Random(s);
    List<SignedTransaction> plan = new ArrayList<>(transactionsPerBlob * blobs);
    for (int b = 0; b < blobs; b++) {
      byte[] root = new byte[Node.LENGTH];
      random.nextBytes(root);
      BlobId blobId = BlobMetadata.deriveBlobId(EncodingType.RS2, blobSize, Node.digest(root));
      long sequence = (long) transactionsPerBlob * b;
      Operation.ReserveSpace reserve = new Operation.ReserveSpace(encodedSize, 2);
      ObjectId blob;
      if (transactionsPerBlob == 3) {
        Transaction reserved = new Transaction(network, k.publicKey(), sequence++, 0, reserve);
        ObjectId storage = ObjectIds.created(reserved.digest(), 0);
        Transaction register = new Transaction(network, k.publicKey(), sequence++, 0,
            new Operation.RegisterBlob(storage, blobId, root, blobSize, EncodingType.RS2.value(), false));
        blob = ObjectIds.created(register.digest(), 0);
        plan.add(reserved.sign(k));
        plan.add(register.sign(k));
      } else {
        // The storage is the batch's first object, the blob its second.
        Transaction registered = new Transaction(network, k.publicKey(), sequence++, 0, Operation.Batch.of(reserve,
            new Operation.RegisterBlob(ObjectIds.batchResult(0), blobId, root, blobSize, EncodingType.RS2.value(), false)));
        blob = ObjectIds.created(registered.digest(), 1);
        plan.add(registered.sign(k));
      }
      byte[] message = new StorageConfirmation(committee.epoch(), blobId, BlobPersistence.PERMANENT).toBcs();
      plan.add(new Transaction(network, k.publicKey(), sequence, 0, certify(blob, message)).sign(k));
    }
    return plan;
  }

  private Operation certify(ObjectId blob, byte[] message) {
    int n = committee.members().size();
    int[] signers = IntStream.range(0, n).toArray();
    List<BlsSignature> signatures = committee.members().stream()
        .map(m -> blsKeys.get(m.publicKey()).sign(message)).toList();
    ProtocolMessageCertificate cert = new ProtocolMessageCertificate(signers, message, BlsSignature.aggregate(signatures));
    return new Operation.CertifyBlob(blob, cert.signature(), cert.signersBitmap(n), message);
  }
}
