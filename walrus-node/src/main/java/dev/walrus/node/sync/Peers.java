package dev.walrus.node.sync;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.committee.Committees;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Other committee members and the clients to reach them. */
public final class Peers {
  private final StorageNodeClients clients;

  public Peers(StorageNodeClients clients) {
    this.clients = clients;
  }

  public StorageNodeClient client(Member member) {
    return clients.forNode(member.networkAddress());
  }

  /**
   * The other members in a random order weighted by shard count (a node with more shards can
   * answer more and is asked earlier), as Walrus orders nodes for recovery.
   */
  public static List<Member> weightedShuffle(Committees committees, CommitteeView committee) {
    List<Member> pool = new ArrayList<>(committees.peers(committee));
    pool.removeIf(m -> m.networkAddress() == null || m.shards().isEmpty());
    List<Member> order = new ArrayList<>(pool.size());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!pool.isEmpty()) {
      int total = pool.stream().mapToInt(m -> m.shards().size()).sum();
      int pick = random.nextInt(total);
      for (int i = 0; i < pool.size(); i++) {
        pick -= pool.get(i).shards().size();
        if (pick < 0) {
          order.add(pool.remove(i));
          break;
        }
      }
    }
    return order;
  }
}
