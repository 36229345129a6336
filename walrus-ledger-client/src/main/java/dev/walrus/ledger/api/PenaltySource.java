package dev.walrus.ledger.api;

/**
 * What challenge penalties may take once a node's reward and commission are exhausted
 * (spec/challenges.md §8.3): {@code STAKE} slashes up to {@code max_stake_slash_bp} of the pool's
 * stake per epoch (WP2); {@code COMMISSION_ONLY} never touches stake and reproduces deployed
 * Walrus, whose slashing burns commission only. Fixed at genesis.
 */
public enum PenaltySource {
  STAKE,
  COMMISSION_ONLY
}
