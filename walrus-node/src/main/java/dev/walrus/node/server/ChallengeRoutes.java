package dev.walrus.node.server;

import dev.walrus.core.BlobId;
import dev.walrus.node.api.SyncShardResponse;
import dev.walrus.node.challenge.ChallengeRefusal;
import dev.walrus.node.challenge.ChallengeService;
import dev.walrus.node.service.NodeApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The storage-challenge side of the node's API (spec/challenges.md §6.2, §6.4): the challenge
 * endpoints, and the blackout — reads of a blob's slivers and symbols answered 503 {@code
 * CHALLENGE_BLACKOUT} with {@code Retry-After} while the blob is being challenged, and {@code
 * sync_shard} answers that skip such blobs (the receiver records a gap and recovers them later).
 * Metadata, status and the challenge endpoint itself stay up.
 */
final class ChallengeRoutes {
  /** The reads a blackout refuses. */
  private static final Set<String> GUARDED = Set.of(
      "/v1/blobs/{blobId}/slivers/{pair}/{type}", "/v1/blobs/{blobId}/recoverySymbols",
      "/v1/blobs/{blobId}/decodingSymbols");

  private ChallengeRoutes() {}

  static List<Route> with(List<Route> routes, ChallengeService challenges) {
    List<Route> out = new ArrayList<>();
    for (Route r : routes) {
      out.add(r.method().equals("GET") && GUARDED.contains(r.template()) ? guarded(r, challenges) : r);
    }
    out.add(Route.of("POST", "/v1/challenges/{epoch}", Set.of(), c -> {
      long epoch = epoch(c);
      byte[] body = c.bcsBody(4096);
      retrying(c, () -> c.bcs(200, challenges.serve(epoch, body)));
    }));
    out.add(Route.of("GET", "/v1/challenges/{epoch}/status", Set.of(), c -> c.success(200, challenges.status(epoch(c)))));
    return List.copyOf(out);
  }

  /** A sync-shard answer without the slivers of blobs in their blackout. */
  static SyncShardResponse skipBlackedOut(SyncShardResponse response, ChallengeService challenges) {
    if (challenges == null) {
      return response;
    }
    List<SyncShardResponse.Entry> kept = response.entries().stream()
        .filter(e -> challenges.blackout().until(e.blobId()).isEmpty()).toList();
    return kept.size() == response.entries().size() ? response : new SyncShardResponse(kept);
  }

  private static Route guarded(Route r, ChallengeService challenges) {
    return new Route(r.method(), r.template(), r.params(), r.repeatable(), c -> {
      BlobId id = c.blobId();
      Optional<Long> until = challenges.blackout().until(id);
      if (until.isPresent()) {
        retrying(c, () -> {
          throw ChallengeRefusal.blackout(id.toString(), until.get(), challenges.now());
        });
      }
      r.handler().handle(c);
    });
  }

  private interface Action {
    void run() throws Exception;
  }

  /** Runs {@code action}; an error worth retrying gets its {@code Retry-After} header. */
  private static void retrying(Call c, Action action) throws Exception {
    try {
      action.run();
    } catch (NodeApiException e) {
      ChallengeRefusal.retryAfter(e.error()).ifPresent(s -> c.responseHeader("Retry-After", s));
      throw e;
    }
  }

  private static long epoch(Call c) {
    try {
      return Integer.parseUnsignedInt(c.path(0));
    } catch (NumberFormatException e) {
      throw Call.invalid("MALFORMED", "'" + c.path(0) + "' is not an epoch number");
    }
  }
}
