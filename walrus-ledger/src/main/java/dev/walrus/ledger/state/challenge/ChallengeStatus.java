package dev.walrus.ledger.state.challenge;

/** Where an epoch's challenge stands (spec/challenges.md §7.1). */
public enum ChallengeStatus {
  /** Waiting for acks (or not yet open). */
  PENDING,
  /** The seed and the challenged set are fixed; reports are being collected. */
  SEEDED,
  /** No challenge this epoch: no seed in time, or nothing to challenge. */
  SKIPPED,
  /** Verdicts computed at the epoch change. */
  FINAL
}
