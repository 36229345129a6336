package dev.walrus.ledger.api;

import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.hash.Blake2b256;

/**
 * The four governance-set penalty sizes of WP2 §6.4 (spec/challenges.md §8.2, §8.6), in basis
 * points of the per-shard reference reward {@code r̄} of the epoch, each at least {@code
 * floorFrost} per shard: (1) {@code sendBp}, a shard's previous owner that did not hand it over;
 * (2) {@code recvBp}, a receiver that recovered a shard instead; (3) {@code failBp}, a node that
 * failed at least half its non-syncing shards; (4) {@code issueBp}, a node that did not challenge.
 * Constraints: every bp value positive, {@code send ≥ recv}, {@code fail ≥ recv}.
 */
public record PenaltyParams(int sendBp, int recvBp, int failBp, int issueBp, long floorFrost) {

  /** The spec's defaults: 10 000, 1 000, 20 000, 5 000 bp of r̄, no floor. */
  public static final PenaltyParams DEFAULTS = new PenaltyParams(10_000, 1_000, 20_000, 5_000, 0);

  /** What votes name a proposal of these values by: BLAKE2b-256 of their BCS. */
  public byte[] digest() {
    return Blake2b256.digest(BcsRecords.encode(PenaltyParams.class, this));
  }

  /** Why these values break the constraints, or {@code null} if they hold. */
  public String violation() {
    if (sendBp <= 0 || recvBp <= 0 || failBp <= 0 || issueBp <= 0) {
      return "every penalty must be positive";
    }
    if (floorFrost < 0) {
      return "the floor must not be negative";
    }
    if (sendBp < recvBp) {
      return "the sender's penalty must be at least the receiver's";
    }
    if (failBp < recvBp) {
      return "the failed-challenge penalty must be at least the receiver's";
    }
    return null;
  }
}
