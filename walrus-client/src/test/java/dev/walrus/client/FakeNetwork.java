package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.DecodingSymbol;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.StoreOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A committee of in-memory nodes holding one encoded blob, each behaving as told: honest, down,
 * denying the blob, or serving corrupted data. For tests of the reader's verification and of the
 * not-found rules without a real network.
 */
final class FakeNetwork implements NodeApi.Directory {
  enum Behaviour { HONEST, DOWN, NOT_FOUND, CORRUPT_SLIVERS, WRONG_METADATA, NO_PRIMARY }

  final EncodingConfig config;
  final EncodedBlob blob;
  final CommitteeView committee;
  final Map<String, Behaviour> behaviour = new HashMap<>();
  final AtomicInteger sliverRequests = new AtomicInteger();
  final AtomicInteger symbolRequests = new AtomicInteger();
  private final EncodedBlob other;

  /** {@code shardsPerNode[i]} shards for node {@code i}, numbered consecutively. */
  FakeNetwork(byte[] data, int... shardsPerNode) {
    int n = 0;
    for (int s : shardsPerNode) {
      n += s;
    }
    this.config = EncodingConfig.forShards(n);
    this.blob = new BlobEncoder(config).encode(data);
    byte[] otherData = data.clone();
    if (otherData.length > 0) {
      otherData[0] ^= 1;
    } else {
      otherData = new byte[] {1};
    }
    this.other = new BlobEncoder(config).encode(otherData);
    List<CommitteeView.Member> members = new ArrayList<>();
    int shard = 0;
    Random random = new Random(1);
    for (int i = 0; i < shardsPerNode.length; i++) {
      List<Integer> shards = new ArrayList<>();
      for (int k = 0; k < shardsPerNode[i]; k++) {
        shards.add(shard++);
      }
      byte[] id = new byte[32];
      random.nextBytes(id);
      String address = "node-" + i + ":1";
      members.add(new CommitteeView.Member(ObjectId.of(id), BlsKeyPair.generate().publicKey(), shards,
          shards.size(), "node-" + i, address, new byte[33], 1L));
      behaviour.put(address, Behaviour.HONEST);
    }
    this.committee = new CommitteeView(1, n, members);
  }

  /** {@code size} reproducible pseudo-random bytes. */
  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  void set(int node, Behaviour b) {
    behaviour.put(committee.members().get(node).networkAddress(), b);
  }

  @Override
  public NodeApi node(CommitteeView.Member member) {
    return new Node(member.networkAddress());
  }

  @Override
  public void close() {}

  private final class Node implements NodeApi {
    private final String address;

    Node(String address) {
      this.address = address;
    }

    @Override
    public String address() {
      return address;
    }

    private Behaviour behaviour() {
      Behaviour b = behaviour.get(address);
      if (b == Behaviour.DOWN) {
        throw NodeCallException.transport(address, "connection refused");
      }
      if (b == Behaviour.NOT_FOUND) {
        throw new NodeCallException(address, 404, "NOT_FOUND", address + ": not found", null);
      }
      return b;
    }

    @Override
    public BlobMetadataWithId metadata(BlobId blobId) {
      Behaviour b = behaviour();
      if (b == Behaviour.WRONG_METADATA) {
        // The other blob's hashes under this blob's ID: must fail verification.
        return new BlobMetadataWithId(blobId, other.metadata().metadata());
      }
      return blob.metadata();
    }

    @Override
    public SliverData sliver(BlobId blobId, int pairIndex, SliverType type) {
      sliverRequests.incrementAndGet();
      Behaviour b = behaviour();
      if (b == Behaviour.NO_PRIMARY && type == SliverType.PRIMARY) {
        throw new NodeCallException(address, 500, "INTERNAL", address + ": broken", null);
      }
      SliverData s = blob.sliver(type, pairIndex);
      if (b == Behaviour.CORRUPT_SLIVERS) {
        byte[] bytes = s.dataCopy();
        bytes[bytes.length / 2] ^= 0x5a;
        return SliverData.of(s.type(), s.index(), s.symbolSize(), bytes);
      }
      return s;
    }

    @Override
    public StoreOutcome putMetadata(BlobId blobId, BlobMetadata metadata, boolean pending) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StoreOutcome putSliver(BlobId blobId, int pairIndex, SliverData sliver, boolean pending) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SignedMessage<StorageConfirmation> confirmation(BlobId blobId, BlobPersistence p, Duration wait) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BlobStatus blobStatus(BlobId blobId) {
      behaviour();
      return BlobStatus.NONEXISTENT;
    }

    /** Symbol {@code t} of each of this node's slivers of the other axis (corrupted if told so). */
    @Override
    public SortedMap<Integer, List<DecodingSymbol>> decodingSymbols(BlobId blobId, List<Integer> targets,
        SliverType targetType) {
      symbolRequests.incrementAndGet();
      Behaviour b = behaviour();
      SortedMap<Integer, List<DecodingSymbol>> out = new TreeMap<>();
      for (int t : targets) {
        List<DecodingSymbol> list = new ArrayList<>();
        for (ExpandedSliver source : sources(targetType)) {
          DecodingSymbol d = source.decodingSymbol(t);
          if (b == Behaviour.CORRUPT_SLIVERS) {
            byte[] bytes = d.data();
            bytes[0] ^= 0x5a;
            d = new DecodingSymbol(d.index(), bytes);
          }
          list.add(d);
        }
        out.put(t, list);
      }
      return out;
    }

    @Override
    public List<RecoverySymbol> recoverySymbols(BlobId blobId, int target, SliverType targetType) {
      symbolRequests.incrementAndGet();
      behaviour();
      return sources(targetType).stream().map(source -> source.recoverySymbol(target)).toList();
    }

    private List<ExpandedSliver> sources(SliverType targetType) {
      int n = config.nShards();
      List<ExpandedSliver> out = new ArrayList<>();
      for (CommitteeView.Member m : committee.members()) {
        if (m.networkAddress().equals(address)) {
          for (int shard : m.shards()) {
            out.add(ExpandedSliver.of(config, blob.sliver(targetType.orthogonal(), blob.blobId().pairForShard(shard, n))));
          }
        }
      }
      return out;
    }
  }
}
