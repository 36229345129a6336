package dev.walrus.ledger.api;

/**
 * {@code GET /v1/status}: where one replica stands. Replicas that agree on {@code height} agree on
 * {@code stateDigest} and {@code blockRoot}; {@code leaderId} is absent while no leader is known.
 *
 * @param network the genesis digest every transaction must carry
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE} or {@code LISTENER}
 * @param lastAppliedIndex the Raft log index the state includes
 */
public record StatusView(
    String replicaId,
    String leaderId,
    String role,
    String networkName,
    byte[] network,
    long height,
    long timeMs,
    byte[] stateDigest,
    byte[] blockRoot,
    long nextEventSequence,
    long lastAppliedIndex) {}
