package dev.walrus.ledger.state.challenge;

import dev.walrus.ledger.api.ChallengeConfig;

/**
 * The times of one epoch's challenge, in ledger milliseconds (spec/challenges.md §4.1, §6.1),
 * all counted from {@code t_done}, the moment the epoch change completed.
 */
public record ChallengeTiming(long tDone, long tOpen, long ackDeadline, long tClose, long reportDeadline) {

  static ChallengeTiming of(long tDone, ChallengeConfig config, long epochMs) {
    long open = sat(tDone, config.openOffsetMs(epochMs));
    return new ChallengeTiming(tDone, open, sat(open, config.ackTimeoutMs(epochMs)),
        sat(open, config.windowMs(epochMs)), sat(tDone, config.reportDeadlineOffsetMs(epochMs)));
  }

  private static long sat(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
