package dev.walrus.ledger.state.challenge;

import dev.walrus.ledger.api.PenaltyParams;
import java.util.Optional;

/**
 * The module's scalar state: the penalty sizes in force, the ones voted in for the next epoch,
 * the intensity factor {@code phi} (§7.5), the per-shard reference reward {@code r̄} of the last
 * epoch change (what migration penalties during an epoch are sized by), and the FROST held for
 * recovery helpers.
 */
public record Governance(PenaltyParams params, Optional<PenaltyParams> next, int phi, long perShardReward, long helperPot) {

  Governance withParams(PenaltyParams p, Optional<PenaltyParams> n) {
    return new Governance(p, n, phi, perShardReward, helperPot);
  }

  Governance withPhi(int newPhi) {
    return new Governance(params, next, newPhi, perShardReward, helperPot);
  }

  Governance withPerShardReward(long r) {
    return new Governance(params, next, phi, r, helperPot);
  }

  Governance withHelperPot(long pot) {
    return new Governance(params, next, phi, perShardReward, pot);
  }
}
