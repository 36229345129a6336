package dev.walrus.ledger.state;

import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.TransactionEffects;
import java.util.List;

/**
 * The outcome of one block: the effects of each transaction in order, all events (the ledger's
 * own actions first), the state digest after the block and the block root {@code BLAKE2b-256(height
 * ‖ time ‖ previous root ‖ transactions digest ‖ events digest ‖ state digest)}.
 */
public record BlockResult(
    long height, long timeMs, byte[] stateDigest, byte[] blockRoot, List<TransactionEffects> effects, List<EventEnvelope> events) {}
