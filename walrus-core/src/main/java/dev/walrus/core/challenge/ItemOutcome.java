package dev.walrus.core.challenge;

/** How the challenger counts one item (spec/challenges.md §6.5 steps 3–4). */
public enum ItemOutcome {
  /** Proven: both cells verified against the metadata. */
  OK,
  /** Wrong item, bad proof, unavailable, missing, malformed: the shard is flagged. */
  FAILED,
  /** The blob is provably inconsistent, or was invalidated or lost its storage meanwhile. */
  VOID,
  /** The blob is on the target's on-ledger deny list. */
  EXCUSED
}
