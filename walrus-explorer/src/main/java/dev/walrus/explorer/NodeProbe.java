package dev.walrus.explorer;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.node.api.HealthInfo;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Live questions to the storage nodes: their health, and whether they hold a blob. Each node is
 * asked once per page, at most {@code concurrency} nodes at a time, each answer within {@code
 * timeout}; a node that does not answer in time is reported down, not waited for.
 */
final class NodeProbe {
  /** A node's answer: {@code ok} and a short detail (its status, or why it failed). */
  record Answer(boolean ok, String detail) {}

  private final StorageNodeClients clients;
  private final Duration timeout;
  private final int concurrency;
  private final Semaphore permits;

  NodeProbe(StorageNodeClients clients, Duration timeout, int concurrency) {
    this.clients = clients;
    this.timeout = timeout;
    this.concurrency = concurrency;
    this.permits = new Semaphore(concurrency);
  }

  /** Each member's {@code /v1/health}: ok when it answers and says it is {@code Active}. */
  List<Answer> health(List<CommitteeView.Member> members) {
    return askAll(members, member -> node -> {
      HealthInfo h = node.health(false);
      return new Answer("Active".equalsIgnoreCase(h.nodeStatus()), h.nodeStatus() + ", epoch " + h.epoch());
    });
  }

  /**
   * Whether each member stores {@code blobId}: one sliver-status request per node, for the
   * primary sliver of the pair its first shard holds. A node either keeps every sliver of a blob
   * it accepted or none, so one pair stands for all of its shards.
   */
  List<Answer> holds(List<CommitteeView.Member> members, BlobId blobId, int nShards) {
    return askAll(members, member -> node -> {
      if (member.shards().isEmpty()) {
        return new Answer(false, "holds no shard");
      }
      int pair = blobId.pairForShard(member.shards().getFirst(), nShards);
      StoredOnNodeStatus s = node.sliverStatus(blobId, pair, SliverType.PRIMARY);
      return new Answer(s == StoredOnNodeStatus.STORED, s.jsonName());
    });
  }

  /** Asks every member its question; the answers in the members' order. */
  private List<Answer> askAll(List<CommitteeView.Member> members,
      Function<CommitteeView.Member, Function<StorageNodeClient, Answer>> question) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Answer>> futures = new ArrayList<>(members.size());
      for (CommitteeView.Member m : members) {
        futures.add(threads.submit(() -> ask(m, question.apply(m))));
      }
      List<Answer> out = new ArrayList<>(members.size());
      // Nodes wait for a permit in rounds of `concurrency`: the page waits for as many rounds.
      long rounds = 1 + members.size() / concurrency;
      long deadline = System.nanoTime() + timeout.toNanos() * rounds + TimeUnit.SECONDS.toNanos(1);
      for (Future<Answer> f : futures) {
        out.add(await(f, deadline));
      }
      return out;
    }
  }

  private Answer ask(CommitteeView.Member m, Function<StorageNodeClient, Answer> question) throws InterruptedException {
    if (m.networkAddress() == null || m.networkPublicKey() == null) {
      return new Answer(false, "no network address registered");
    }
    permits.acquire();
    try {
      StorageNodeClient node = clients.forNode(m.networkAddress(), m.networkPublicKey()).withTimeout(timeout);
      return question.apply(node);
    } catch (RuntimeException e) {
      return new Answer(false, describe(e));
    } finally {
      permits.release();
    }
  }

  private static Answer await(Future<Answer> f, long deadlineNanos) {
    try {
      return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return new Answer(false, "no answer in time");
    } catch (ExecutionException e) {
      return new Answer(false, describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(false, "interrupted");
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
