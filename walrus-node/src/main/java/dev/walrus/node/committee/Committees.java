package dev.walrus.node.committee;

import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The committees a node works with at one moment: the current one (writes, confirmations, shard
 * ownership) and the previous one (the owners a gained shard is pulled from, and readers of blobs
 * certified before an epoch change). Immutable; {@link CommitteeService} swaps whole snapshots.
 */
public record Committees(CommitteeView current, CommitteeView previous, BlsPublicKey self) {

  public int epoch() {
    return current.epoch();
  }

  public int nShards() {
    return current.nShards();
  }

  public EncodingConfig encoding() {
    return EncodingConfig.forShards(nShards());
  }

  public Optional<Member> selfIn(CommitteeView committee) {
    return member(committee, self);
  }

  /** Shards this node owns in the current committee. */
  public Set<Integer> ownShards() {
    return shardsOf(current, self);
  }

  /** Shards this node owned in the previous committee. */
  public Set<Integer> previousShards() {
    return shardsOf(previous, self);
  }

  public boolean owns(int shard) {
    return selfIn(current).map(m -> m.shards().contains(shard)).orElse(false);
  }

  /** The current member holding {@code shard}. */
  public Optional<Member> currentOwner(int shard) {
    return owner(current, shard);
  }

  public Optional<Member> previousOwner(int shard) {
    return owner(previous, shard);
  }

  /** The current member with this BLS key. */
  public Optional<Member> currentMember(BlsPublicKey key) {
    return member(current, key);
  }

  public static Optional<Member> owner(CommitteeView committee, int shard) {
    if (committee == null) {
      return Optional.empty();
    }
    return committee.members().stream().filter(m -> m.shards().contains(shard)).findFirst();
  }

  public static Optional<Member> member(CommitteeView committee, BlsPublicKey key) {
    if (committee == null) {
      return Optional.empty();
    }
    return committee.members().stream().filter(m -> m.publicKey().equals(key)).findFirst();
  }

  private static Set<Integer> shardsOf(CommitteeView committee, BlsPublicKey key) {
    return member(committee, key).map(m -> (Set<Integer>) new TreeSet<>(m.shards())).orElse(Set.of());
  }

  /** Members other than this node. */
  public List<Member> peers(CommitteeView committee) {
    return committee.members().stream().filter(m -> !m.publicKey().equals(self)).toList();
  }
}
