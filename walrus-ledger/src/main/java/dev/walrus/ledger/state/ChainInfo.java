package dev.walrus.ledger.state;

/**
 * Where the chain stands after its last block: height, time (ms, never decreasing) and the next
 * event sequence number. (The last block root lives outside the state: it commits to the state.)
 */
public record ChainInfo(long height, long timeMs, long nextEventSequence) {}
