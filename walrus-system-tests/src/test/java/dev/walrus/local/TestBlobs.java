package dev.walrus.local;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverVerifier;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.client.StorageNodeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The write and read flows of protocol.md §3–4 in their plainest form, for testing nodes: encode,
 * reserve and register, upload to every node that answers, collect confirmations to a quorum,
 * certify; read metadata and primary slivers from any nodes and decode. Failures of single nodes
 * are tolerated; too many fail the call.
 */
public final class TestBlobs {
  record Stored(BlobId blobId, ObjectId object, int confirmedWeight) {}

  private TestBlobs() {}

  /** What a writer uploads: normally an honest encoding; tests also upload lies. */
  interface Upload {
    BlobId blobId();

    BlobMetadata metadata();

    SliverData primary(int index);

    SliverData secondary(int index);
  }

  static Upload honest(EncodedBlob encoded) {
    return new Upload() {
      @Override
      public BlobId blobId() {
        return encoded.blobId();
      }

      @Override
      public BlobMetadata metadata() {
        return encoded.metadata().metadata();
      }

      @Override
      public SliverData primary(int index) {
        return encoded.primarySliver(index);
      }

      @Override
      public SliverData secondary(int index) {
        return encoded.secondarySliver(index);
      }
    };
  }

  static Stored store(LedgerClient ledger, StorageNodeClients clients, Ed25519KeyPair wallet, byte[] data,
      boolean deletable) {
    return store(ledger, clients, wallet, data, deletable, 20);
  }

  static Stored store(LedgerClient ledger, StorageNodeClients clients, Ed25519KeyPair wallet, byte[] data,
      boolean deletable, int epochs) {
    EncodingConfig config = EncodingConfig.forShards(ledger.committee().nShards());
    return store(ledger, clients, wallet, honest(new BlobEncoder(config).encode(data)), deletable, epochs, m -> false);
  }

  /**
   * Registers {@code upload} for {@code epochs}, uploads it to every member but the skipped ones,
   * collects confirmations and certifies.
   */
  static Stored store(LedgerClient ledger, StorageNodeClients clients, Ed25519KeyPair wallet, Upload upload,
      boolean deletable, int epochs, java.util.function.Predicate<Member> skip) {
    CommitteeView committee = ledger.committee();
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    BlobId blobId = upload.blobId();
    long size = upload.metadata().unencodedLength();
    TransactionEffects reserved = ok(ledger.execute(wallet, new Operation.ReserveSpace(config.encodedLength(size), epochs)));
    TransactionEffects registered = ok(ledger.execute(wallet, new Operation.RegisterBlob(reserved.created().getFirst(),
        blobId, upload.metadata().rootHash().bytes(), size, EncodingType.RS2.value(), deletable)));
    ObjectId object = registered.created().getFirst();
    BlobPersistence persistence = deletable ? BlobPersistence.deletable(object) : BlobPersistence.PERMANENT;
    List<Integer> signers = new ArrayList<>();
    List<SignedMessage<StorageConfirmation>> confirmations = new ArrayList<>();
    int weight = 0;
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < committee.members().size(); i++) {
      Member m = committee.members().get(i);
      if (skip.test(m)) {
        continue;
      }
      try {
        StorageNodeClient node = clients.forNode(m.networkAddress(), m.networkPublicKey());
        putMetadataOnceRegistered(node, blobId, upload.metadata());
        for (int shard : m.shards()) {
          int pair = blobId.pairForShard(shard, config.nShards());
          node.putSliver(blobId, pair, upload.primary(pair), false);
          node.putSliver(blobId, pair, upload.secondary(config.nShards() - 1 - pair), false);
        }
        SignedMessage<StorageConfirmation> c = node.confirmation(blobId, persistence, Duration.ofSeconds(5));
        c.verify(m.publicKey());
        signers.add(i);
        confirmations.add(c);
        weight += m.weight();
      } catch (RuntimeException e) {
        // A node that is down or refuses does not sign; the quorum decides.
        errors.add(m.networkAddress() + ": " + e);
      }
    }
    if (weight < config.quorumWeight()) {
      throw new IllegalStateException("only " + weight + " shards confirmed blob " + blobId + ": " + errors);
    }
    ProtocolMessageCertificate cert = ProtocolMessageCertificate.fromSignedMessages(
        signers.stream().mapToInt(Integer::intValue).toArray(), confirmations);
    ok(ledger.execute(wallet, new Operation.CertifyBlob(object, cert.signature(),
        cert.signersBitmap(committee.members().size()), cert.serializedMessage())));
    return new Stored(blobId, object, weight);
  }

  /** The node may not have seen the registration event yet: retry NOT_REGISTERED, as Walrus clients do. */
  private static void putMetadataOnceRegistered(StorageNodeClient node, BlobId blobId, BlobMetadata metadata) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        node.putMetadata(blobId, metadata, false);
        return;
      } catch (StorageNodeException e) {
        if (!"NOT_REGISTERED".equals(e.reason()) || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static byte[] read(LedgerClient ledger, StorageNodeClients clients, BlobId blobId) {
    CommitteeView committee = ledger.committee();
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    BlobMetadataWithId metadata = null;
    for (Member m : committee.members()) {
      try {
        BlobMetadataWithId got = clients.forNode(m.networkAddress(), m.networkPublicKey()).metadata(blobId);
        got.verify(config);
        if (got.blobId().equals(blobId)) {
          metadata = got;
          break;
        }
      } catch (RuntimeException e) {
        // next node
      }
    }
    if (metadata == null) {
      throw new IllegalStateException("no node gave valid metadata of " + blobId);
    }
    SliverVerifier verifier = new SliverVerifier(config);
    List<SliverData> slivers = new ArrayList<>();
    for (Member m : committee.members()) {
      for (int shard : m.shards()) {
        if (slivers.size() >= config.primarySymbols()) {
          break;
        }
        int pair = blobId.pairForShard(shard, config.nShards());
        try {
          SliverData s = clients.forNode(m.networkAddress(), m.networkPublicKey()).sliver(blobId, pair, SliverType.PRIMARY);
          verifier.verify(metadata.metadata(), s);
          slivers.add(s);
        } catch (RuntimeException e) {
          // next sliver
        }
      }
    }
    return new BlobDecoder(config).decode(metadata, slivers, ConsistencyCheck.DEFAULT);
  }

  /** {@code size} pseudo-random bytes, the same for the same seed. */
  public static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  public static TransactionEffects ok(TransactionEffects e) {
    if (!e.succeeded()) {
      throw new IllegalStateException(e.status() + " " + e.abort() + " " + e.rejection());
    }
    return e;
  }
}
