/**
 * Storage challenges (spec/challenges.md): what the ledger, the prover and the challenger must
 * compute identically — the PRF, the seed, the challenged set, the challenge items — and the
 * wire formats they exchange: the signed intents 0x40–0x42 and the challenge response with its
 * item proofs, plus the check of one item proof against a blob's metadata.
 *
 * <p>Everything here is consensus-critical or part of a wire format: pure functions of their
 * inputs, no I/O, no clocks.
 */
package dev.walrus.core.challenge;
