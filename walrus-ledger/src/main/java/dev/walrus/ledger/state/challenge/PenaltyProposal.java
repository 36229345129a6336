package dev.walrus.ledger.state.challenge;

import dev.walrus.ledger.api.PenaltyParams;

/** A member's penalty proposal of {@code epoch}; one per member, proposing again replaces it. */
public record PenaltyProposal(int epoch, PenaltyParams params) {

  /** What votes name a proposal by: {@link PenaltyParams#digest()}. */
  public static byte[] digest(PenaltyParams params) {
    return params.digest();
  }
}
