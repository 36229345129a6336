package dev.walrus.ledger.state.challenge;

import dev.walrus.ledger.state.staking.EpochState;
import dev.walrus.ledger.state.staking.StakingState;
import java.util.Optional;

/** The per-epoch records and their timing, shared by the rule classes. */
final class Epochs {
  private final ChallengeTables t;

  Epochs(ChallengeTables t) {
    this.t = t;
  }

  /** Epoch {@code e}'s record, a pending one at the current intensity if none was opened. */
  ChallengeEpoch current(int e) {
    return t.epoch(e).orElseGet(() -> open(e));
  }

  /** A pending record at the current intensity: {@code k = min(k_min·phi, k_max)}, {@code τ = τ_min·phi}. */
  ChallengeEpoch open(int e) {
    long phi = t.gov().phi();
    int k = (int) Math.min((long) t.config.kMin() * phi, t.config.kMax());
    int tau = (int) Math.min((long) t.config.tauMin() * phi, 0xFFFF);
    return ChallengeEpoch.pending(e, k, tau);
  }

  /**
   * The times of the current epoch's challenge once its change is done (staking state {@code
   * EpochChangeDone} or {@code NextParamsSelected}); empty while shards are still moving.
   */
  Optional<ChallengeTiming> timing(StakingState s) {
    long done = switch (s.state()) {
      case EpochState.ChangeDone(long time) -> time;
      case EpochState.ParamsSelected(long time) -> time;
      case EpochState.ChangeSync _ -> -1;
    };
    if (done < 0 || s.committee().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ChallengeTiming.of(done, t.config, t.ledger.genesis().epochDurationMs()));
  }
}
