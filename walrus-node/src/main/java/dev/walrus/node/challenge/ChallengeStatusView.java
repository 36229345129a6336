package dev.walrus.node.challenge;

import java.util.List;

/**
 * {@code GET /v1/challenges/{epoch}/status}: where this node stands in an epoch's challenge.
 *
 * @param phase {@code idle}, {@code pre-blackout}, {@code blackout}, {@code reporting}, {@code done}
 * @param issued targets this node sent a request; {@code answered} targets whose answer was complete
 * @param received challengers whose valid request reached this node
 * @param lostShards own shards this node reported lost before the seed ({@code shard_request_recovery})
 */
public record ChallengeStatusView(
    int epoch, String phase, String seed, String setDigest, int challengedBlobs, List<String> issued,
    List<String> answered, List<String> received, boolean acked, boolean reported, List<Integer> lostShards) {}
