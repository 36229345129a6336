package dev.walrus.ledger.api;

import dev.walrus.core.bcs.Bcs;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The storage-challenge constants of a network (spec/challenges.md §3, parameter table), fixed at
 * genesis; the penalty sizes start here and then change by governance vote (§8.6). Times are
 * fractions of the epoch duration {@code D} in basis points, measured from the moment the epoch
 * change completed.
 *
 * @param openBp the window opens at {@code t_open = t_done + D·openBp/10000}
 * @param windowBp the window lasts {@code W = min(D·windowBp/10000, windowMaxMs)}
 * @param ackTimeoutBp after {@code t_open + min(D·ackTimeoutBp/10000, ackTimeoutCapMs)} anyone may force the seed
 * @param reportDeadlineBp reports are accepted from {@code t_close} until {@code t_done + D·reportDeadlineBp/10000}
 * @param kMin challenged blobs per epoch at intensity 1; {@code kMax} at most
 * @param tauMin items per target shard per challenger at intensity 1
 * @param maxStakeSlashBp at most this share of a pool's stake is slashed per epoch
 * @param redemptionFloorBp a slashed stake object still redeems at least this share of its principal
 * @param debtInterestBp unpaid penalties grow by this share per epoch
 * @param jailAfter consecutive epochs of supermajority failure before a node is jailed
 * @param jailEpochs epochs a jailed node stays out of committee selection
 */
public record ChallengeConfig(
    @Bcs.U16 int openBp,
    @Bcs.U16 int windowBp,
    long windowMaxMs,
    @Bcs.U16 int ackTimeoutBp,
    long ackTimeoutCapMs,
    @Bcs.U16 int reportDeadlineBp,
    int kMin,
    int kMax,
    @Bcs.U16 int tauMin,
    @Bcs.U16 int maxStakeSlashBp,
    @Bcs.U16 int redemptionFloorBp,
    @Bcs.U16 int debtInterestBp,
    @Bcs.U8 int jailAfter,
    @Bcs.U8 int jailEpochs,
    PenaltySource penaltySource,
    PenaltyParams penalties) {

  public ChallengeConfig {
    Objects.requireNonNull(penaltySource, "penaltySource");
    Objects.requireNonNull(penalties, "penalties");
    if (openBp <= 0 || windowBp <= 0 || windowMaxMs <= 0 || ackTimeoutBp <= 0 || ackTimeoutCapMs <= 0) {
      throw new IllegalArgumentException("challenge times must be positive");
    }
    if (openBp + windowBp > reportDeadlineBp || reportDeadlineBp >= 10_000) {
      throw new IllegalArgumentException(
          "the window (" + openBp + " + " + windowBp + " bp) must close before the report deadline ("
              + reportDeadlineBp + " bp), which must come before the epoch ends");
    }
    if (kMin < 1 || kMax < kMin || tauMin < 1) {
      throw new IllegalArgumentException("need 1 <= kMin <= kMax and tauMin >= 1");
    }
    if (maxStakeSlashBp > 10_000 || redemptionFloorBp > 10_000 || debtInterestBp > 10_000) {
      throw new IllegalArgumentException("basis points above 10000");
    }
    if (jailAfter < 1 || jailEpochs < 1) {
      throw new IllegalArgumentException("jailAfter and jailEpochs must be at least 1");
    }
    String bad = penalties.violation();
    if (bad != null) {
      throw new IllegalArgumentException("penalties: " + bad);
    }
  }

  /** The spec's defaults (parameter table, "Default" column). */
  public static ChallengeConfig defaults() {
    return new ChallengeConfig(5500, 2000, 7_200_000, 200, 600_000, 9500, 656, 65_536, 32, 1000, 500, 100, 3, 2,
        PenaltySource.STAKE, PenaltyParams.DEFAULTS);
  }

  /**
   * The spec's small test network (parameter table, "Test net" column: D = 120 s, N = 16, 4
   * nodes): K between 16 and 64, τ = 4, jail after 2 epochs for 1.
   */
  public static ChallengeConfig testNet() {
    return new ChallengeConfig(5500, 2000, Long.MAX_VALUE, 200, 600_000, 9500, 16, 64, 4, 1000, 500, 100, 2, 1,
        PenaltySource.STAKE, PenaltyParams.DEFAULTS);
  }

  /** {@code W} for epochs of {@code epochMs}. */
  public long windowMs(long epochMs) {
    return Math.min(fraction(epochMs, windowBp), windowMaxMs);
  }

  public long openOffsetMs(long epochMs) {
    return fraction(epochMs, openBp);
  }

  public long ackTimeoutMs(long epochMs) {
    return Math.min(fraction(epochMs, ackTimeoutBp), ackTimeoutCapMs);
  }

  public long reportDeadlineOffsetMs(long epochMs) {
    return fraction(epochMs, reportDeadlineBp);
  }

  /** {@code ⌊ms·bp/10000⌋} in 128 bits, saturated to {@link Long#MAX_VALUE}. */
  private static long fraction(long ms, int bp) {
    BigInteger v = BigInteger.valueOf(ms).multiply(BigInteger.valueOf(bp)).divide(BigInteger.valueOf(10_000));
    return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
  }
}
