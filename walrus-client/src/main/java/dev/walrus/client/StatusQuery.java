package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.api.BlobStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A blob's status as the committee sees it (protocol.md §4.3): every node is asked; once nodes
 * of at least {@code n − f} shards answered, the statuses are grouped and, from the latest in
 * {@link BlobStatus#ORDER} down, the first one backed by more than {@code f} shards is the answer
 * — at least one correct node vouches for it. A status with less backing is accepted only if its
 * ledger event checks out ({@code Permanent}, {@code Invalid}); {@code Deletable} cannot be
 * checked and is skipped; {@code Nonexistent} is the fallback.
 */
final class StatusQuery {
  private final NodeApi.Directory nodes;
  private final Retry retry;
  private final Predicate<BlobStatus> eventCheck;

  /** {@code eventCheck}: whether a status's ledger event exists and matches the blob. */
  StatusQuery(NodeApi.Directory nodes, Retry retry, Predicate<BlobStatus> eventCheck) {
    this.nodes = nodes;
    this.retry = retry;
    this.eventCheck = eventCheck;
  }

  private record Answer(Member member, BlobStatus status, RuntimeException error) {}

  BlobStatus status(CommitteeView committee, BlobId blobId) {
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    Map<BlobStatus, Integer> weights = new HashMap<>();
    int answered = 0;
    List<String> errors = new ArrayList<>();
    ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    try {
      ExecutorCompletionService<Answer> done = new ExecutorCompletionService<>(exec);
      int pending = 0;
      for (Member m : committee.members()) {
        if (m.weight() == 0) {
          continue;
        }
        done.submit(() -> {
          try {
            return new Answer(m, retry.run(() -> nodes.node(m).blobStatus(blobId)), null);
          } catch (RuntimeException e) {
            return new Answer(m, null, e);
          }
        });
        pending++;
      }
      while (pending > 0 && answered < config.quorumWeight()) {
        Answer a = done.take().get();
        pending--;
        if (a.error() != null) {
          errors.add(a.error().getMessage());
          continue;
        }
        answered += a.member().weight();
        weights.merge(a.status(), a.member().weight(), Integer::sum);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalrusClientException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      exec.shutdownNow();
    }
    if (answered < config.quorumWeight()) {
      throw new BlobUnavailableException(blobId, "the status of blob " + blobId + " is unknown: only nodes of "
          + answered + " shards answered, " + config.quorumWeight() + " needed: " + errors);
    }
    return decide(weights, config.f());
  }

  /** The latest status with more than {@code f} shards behind it, or one whose event verifies. */
  BlobStatus decide(Map<BlobStatus, Integer> weights, int f) {
    List<BlobStatus> latestFirst = new ArrayList<>(weights.keySet());
    latestFirst.sort(BlobStatus.ORDER.reversed());
    for (BlobStatus s : latestFirst) {
      if (weights.get(s) > f) {
        return s;
      }
      boolean verifiable = s instanceof BlobStatus.Permanent || s instanceof BlobStatus.Invalid;
      if (verifiable && eventCheck.test(s)) {
        return s;
      }
    }
    return BlobStatus.NONEXISTENT;
  }
}
