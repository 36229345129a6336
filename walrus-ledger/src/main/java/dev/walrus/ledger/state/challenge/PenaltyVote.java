package dev.walrus.ledger.state.challenge;

import java.util.Optional;

/** A member's vote of {@code epoch}: for the proposal with this digest, or the status quo when empty. */
public record PenaltyVote(int epoch, Optional<byte[]> proposal) {}
