package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import dev.walrus.core.crypto.BlsPublicKey;
import java.util.List;

/**
 * A committee of one epoch with its shard assignment: Walrus's {@code BlsCommittee} and the
 * staking {@code Committee} in one. Members are sorted by node ID (ascending unsigned), the order
 * certificate signer indices refer to; a member's weight is its number of shards.
 */
public record Committee(int epoch, @Bcs.U16 int nShards, List<Member> members) {

  public Committee {
    members = List.copyOf(members);
  }

  public record Member(ObjectId nodeId, BlsPublicKey publicKey, List<Integer> shards) {
    public Member {
      shards = List.copyOf(shards);
    }

    public int weight() {
      return shards.size();
    }
  }

  public static Committee empty(int epoch) {
    return new Committee(epoch, 0, List.of());
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** Index of {@code nodeId} among the members, or -1. */
  public int indexOf(ObjectId nodeId) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).nodeId().equals(nodeId)) {
        return i;
      }
    }
    return -1;
  }

  public int weightOf(ObjectId nodeId) {
    int i = indexOf(nodeId);
    return i < 0 ? 0 : members.get(i).weight();
  }

  /** Move's {@code is_quorum}: {@code 3w ≥ 2N + 1}. */
  public boolean isQuorum(long weight) {
    return 3 * weight >= 2L * nShards + 1;
  }

  /** Move's {@code includes_one_correct_node}: {@code 3w ≥ N + 1}. */
  public boolean includesOneCorrectNode(long weight) {
    return 3 * weight >= (long) nShards + 1;
  }
}
