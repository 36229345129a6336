package dev.walrus.ledger.api;

/**
 * An event with its place in the ledger: {@code sequence} is global and gap-free from 0;
 * {@code txDigest} is all zeros for the ledger's own actions (automatic epoch changes).
 */
public record EventEnvelope(long sequence, long height, long timestampMs, byte[] txDigest, LedgerEvent event) {}
