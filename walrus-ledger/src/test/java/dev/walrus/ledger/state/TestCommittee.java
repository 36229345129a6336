package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A committee with real BLS keys for tests: members sorted by node ID as on chain, shards handed
 * out in that order, and helpers to sign a message by any subset of members and build the
 * on-chain signers bitmap. Keys derive from seeds, so runs repeat exactly.
 */
public final class TestCommittee {
  public final Committee committee;
  private final List<BlsKeyPair> keys;

  private TestCommittee(Committee committee, List<BlsKeyPair> keys) {
    this.committee = committee;
    this.keys = keys;
  }

  /** Members with the given shard counts (in node-ID order), keys from {@code seed}. */
  public static TestCommittee of(int epoch, int seed, int... shards) {
    record Node(ObjectId id, BlsKeyPair key) {}
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < shards.length; i++) {
      byte[] s = ByteBuffer.allocate(32).putInt(seed).putInt(i).array();
      nodes.add(new Node(ObjectId.of(Blake2b256.digest(s)), BlsKeyPair.of(BlsPrivateKey.fromSeed(s))));
    }
    nodes.sort(Comparator.comparing(Node::id));
    List<Committee.Member> members = new ArrayList<>();
    List<BlsKeyPair> keys = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < shards.length; i++) {
      List<Integer> list = IntStream.range(next, next + shards[i]).boxed().toList();
      next += shards[i];
      members.add(new Committee.Member(nodes.get(i).id(), nodes.get(i).key().publicKey(), list));
      keys.add(nodes.get(i).key());
    }
    return new TestCommittee(new Committee(epoch, next, members), keys);
  }

  /** {@code n} members of {@code shardsEach} shards each. */
  public static TestCommittee uniform(int epoch, int seed, int n, int shardsEach) {
    int[] shards = new int[n];
    java.util.Arrays.fill(shards, shardsEach);
    return of(epoch, seed, shards);
  }

  /** The same members and keys as the committee of another epoch. */
  public TestCommittee forEpoch(int epoch) {
    return new TestCommittee(new Committee(epoch, committee.nShards(), committee.members()), keys);
  }

  public int size() {
    return keys.size();
  }

  public BlsKeyPair key(int member) {
    return keys.get(member);
  }

  /** The aggregate signature of {@code message} by the members at {@code signers}. */
  public BlsSignature sign(byte[] message, int... signers) {
    List<BlsSignature> sigs = new ArrayList<>();
    for (int s : signers) {
      sigs.add(keys.get(s).sign(message));
    }
    return BlsSignature.aggregate(sigs);
  }

  public byte[] bitmap(int... signers) {
    return ProtocolMessageCertificate.signersBitmap(signers, keys.size());
  }

  /** Member indices {@code 0..n-1}. */
  public static int[] first(int n) {
    return IntStream.range(0, n).toArray();
  }
}
