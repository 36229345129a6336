package dev.walrus.ledger.state.challenge;

import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.ledger.api.PenaltyParams;

/** A member's penalty proposal of {@code epoch}; one per member, proposing again replaces it. */
public record PenaltyProposal(int epoch, PenaltyParams params) {

  /** What votes name a proposal by: BLAKE2b-256 of the parameters' BCS. */
  public static byte[] digest(PenaltyParams params) {
    return Blake2b256.digest(BcsRecords.encode(PenaltyParams.class, params));
  }
}
