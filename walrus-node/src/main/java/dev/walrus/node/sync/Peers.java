package dev.walrus.node.sync;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.node.committee.Committees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Other committee members, the clients to reach them, and how busy each one is. Recovery asks the
 * least-loaded peers first: those with the fewest of this node's requests in flight, weighted by
 * how fast they have been answering; a peer that just failed waits a moment before it is asked
 * again. Load is tracked per network address, and the map holds one small entry per peer ever
 * called (committee members only, so it stays small).
 */
public final class Peers {
  /** How long a peer that failed is put last. */
  private static final long FAILURE_PENALTY_NANOS = 2_000_000_000L;
  /** Weight of the newest latency sample in the moving average. */
  private static final double ALPHA = 0.2;

  private final StorageNodeClients clients;
  private final ConcurrentHashMap<String, Load> loads = new ConcurrentHashMap<>();

  /** Requests in flight, a moving average of answer times, and the last failure. */
  private static final class Load {
    final AtomicInteger inFlight = new AtomicInteger();
    volatile double averageMillis = 5;
    volatile long failedAt = Long.MIN_VALUE;

    double cost(long now) {
      double penalty = now - failedAt < FAILURE_PENALTY_NANOS ? 1e6 : 0;
      return penalty + (inFlight.get() + 1) * averageMillis;
    }
  }

  public Peers(StorageNodeClients clients) {
    this.clients = clients;
  }

  public StorageNodeClient client(Member member) {
    return clients.forNode(member.networkAddress(), member.networkPublicKey());
  }

  /** Runs {@code request} against {@code member}, recording its duration and whether it failed. */
  public <T> T call(Member member, Function<StorageNodeClient, T> request) {
    Load load = loads.computeIfAbsent(member.networkAddress(), a -> new Load());
    load.inFlight.incrementAndGet();
    long start = System.nanoTime();
    boolean ok = false;
    try {
      T result = request.apply(client(member));
      ok = true;
      return result;
    } catch (StorageNodeException e) {
      // An error the peer reported about the request (not found, bad request) says nothing about its load.
      ok = e.httpStatus() >= 400 && e.httpStatus() < 500;
      throw e;
    } finally {
      long end = System.nanoTime();
      load.inFlight.decrementAndGet();
      if (ok) {
        load.averageMillis = (1 - ALPHA) * load.averageMillis + ALPHA * ((end - start) / 1e6);
      } else {
        load.failedAt = end;
      }
    }
  }

  /** {@code members} ordered from the least to the most loaded (ties in random order). */
  public List<Member> leastLoaded(List<Member> members) {
    long now = System.nanoTime();
    List<Member> shuffled = new ArrayList<>(members);
    java.util.Collections.shuffle(shuffled, ThreadLocalRandom.current());
    shuffled.sort(Comparator.comparingDouble(m -> cost(m, now)));
    return shuffled;
  }

  /** The other members of {@code committee} that serve an API and hold shards, least loaded first. */
  public List<Member> leastLoaded(Committees committees, CommitteeView committee) {
    List<Member> pool = new ArrayList<>(committees.peers(committee));
    pool.removeIf(m -> m.networkAddress() == null || m.shards().isEmpty());
    return leastLoaded(pool);
  }

  private double cost(Member m, long now) {
    Load load = loads.get(m.networkAddress());
    return load == null ? 0 : load.cost(now);
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
