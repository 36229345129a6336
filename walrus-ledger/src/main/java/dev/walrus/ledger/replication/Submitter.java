package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.ErrorResponse;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;
import tools.jackson.core.JacksonException;

/**
 * Gets a transaction executed, from whichever replica received it: on the leader it goes to the
 * block proposer and the submitter waits for its effects; on a follower it is forwarded to the
 * leader's API. When the leader changes meanwhile (proposal failed, leader unreachable), it tries
 * again with the new leader until the deadline. Retrying is safe: a transaction's digest is its
 * identity and its sequence number lets it execute at most once; the tracker answers a retry of an
 * executed transaction with its original effects.
 */
public final class Submitter {
  /** Request header marking a forwarded submission, so that it is never forwarded twice. */
  public static final String FORWARDED_HEADER = "Walrus-Forwarded-By";
  private static final long RETRY_PAUSE_MS = 50;

  private final RaftGroupNode raft;
  private final BlockProposer proposer;
  private final TransactionTracker tracker;
  private final ReplicaConfig config;
  private final HttpClient http;

  public Submitter(RaftGroupNode raft, BlockProposer proposer, TransactionTracker tracker, ReplicaConfig config,
      HttpClient http) {
    this.raft = raft;
    this.proposer = proposer;
    this.tracker = tracker;
    this.config = config;
    this.http = http;
  }

  /**
   * Waits up to {@code timeoutMs} for the transaction's effects.
   *
   * @param forwarded whether another replica forwarded it (then it is not forwarded again)
   */
  public Submitted submit(SignedTransaction tx, byte[] bcs, long timeoutMs, boolean forwarded) {
    byte[] digest = tx.transaction().digest();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String leaderSeen = null;
    String lastProblem = "no leader elected";
    while (true) {
      Optional<TransactionEffects> done = tracker.recent(digest);
      if (done.isPresent() && done.get().status() != TransactionEffects.Status.REJECTED) {
        return Submitted.of(done.get());
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      Optional<String> leader = raft.leaderId();
      try {
        if (raft.isLeaderReady()) {
          leaderSeen = raft.selfId();
          return Submitted.of(executeHere(tx, bcs, digest, left));
        }
        if (forwarded) {
          throw new SubmissionException(SubmissionException.Kind.NOT_LEADER,
              "replica " + raft.selfId() + " is not the leader" + leader.map(l -> " (" + l + " is)").orElse(""));
        }
        if (leader.isPresent() && !leader.get().equals(raft.selfId())) {
          leaderSeen = leader.get();
          return forward(leader.get(), bcs, left);
        }
      } catch (Retry r) {
        lastProblem = r.getMessage();
      }
      sleep(Math.min(RETRY_PAUSE_MS, Math.max(1, left)));
    }
    if (leaderSeen == null) {
      throw new SubmissionException(SubmissionException.Kind.NO_LEADER,
          "the ledger has no leader (its replicas cannot form a quorum); the transaction was not executed");
    }
    throw new SubmissionException(SubmissionException.Kind.NOT_COMMITTED,
        "the transaction was not committed within " + timeoutMs + " ms (leader " + leaderSeen + ": " + lastProblem
            + "); the ledger may have lost its quorum, and the transaction may still be executed later");
  }

  private TransactionEffects executeHere(SignedTransaction tx, byte[] bcs, byte[] digest, long timeoutMs) {
    CompletableFuture<TransactionEffects> effects;
    try {
      TransactionTracker.Registration r = tracker.register(digest);
      effects = r.future();
      if (r.isNew()) {
        proposer.enqueue(tx, bcs, digest);
      }
    } catch (TransactionTracker.Overloaded e) {
      throw new SubmissionException(SubmissionException.Kind.OVERLOADED, "the ledger is overloaded: " + e.getMessage());
    } catch (BlockProposer.NotLeader e) {
      tracker.failed(digest, e);
      throw new Retry(e.getMessage());
    }
    try {
      return effects.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      tracker.abandon(digest, effects);
      throw new Retry("not committed in time");
    } catch (ExecutionException e) {
      throw new Retry(e.getCause() != null ? e.getCause().getMessage() : e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SubmissionException(SubmissionException.Kind.NOT_COMMITTED, "interrupted while waiting");
    }
  }

  private Submitted forward(String leader, byte[] bcs, long timeoutMs) {
    ReplicaConfig.Peer peer = config.peer(leader);
    if (peer == null) {
      throw new Retry("leader " + leader + " is not in this replica's configuration");
    }
    URI url = URI.create(peer.apiUrl()).resolve("/v1/transactions?timeoutMs=" + timeoutMs);
    ContentResponse response;
    try {
      response = http.newRequest(url).method(HttpMethod.POST)
          .headers(h -> h.put(FORWARDED_HEADER, raft.selfId()))
          .body(new BytesRequestContent("application/octet-stream", bcs))
          .timeout(timeoutMs + 5_000, TimeUnit.MILLISECONDS)
          .send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SubmissionException(SubmissionException.Kind.NOT_COMMITTED, "interrupted while waiting");
    } catch (TimeoutException | ExecutionException e) {
      throw new Retry("leader " + leader + " at " + peer.apiUrl() + " did not answer: " + e.getMessage());
    }
    try {
      if (response.getStatus() == 200) {
        return Submitted.ofJson(response.getContent());
      }
      ErrorResponse error = LedgerJson.mapper().readValue(response.getContent(), ErrorResponse.class);
      if (response.getStatus() == 503 || error == null || error.error() == null) {
        throw new Retry("leader " + leader + " answered " + response.getStatus());
      }
      throw new SubmissionException(error);
    } catch (JacksonException e) {
      throw new Retry("leader " + leader + " sent an unreadable answer (" + response.getStatus() + ")");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SubmissionException(SubmissionException.Kind.NOT_COMMITTED, "interrupted while waiting");
    }
  }

  /** This attempt failed in a way another attempt (maybe with another leader) may not. */
  private static final class Retry extends RuntimeException {
    Retry(String message) {
      super(message, null, false, false);
    }
  }
}
