package dev.walrus.node.challenge;

import java.time.Duration;
import java.util.Optional;

/**
 * How a node takes part in storage challenges.
 *
 * @param guard how long before {@code t_open} (by the node's clock) it blacks out every eligible
 *     blob; empty: {@code D/240} clamped to [100 ms, 5 s] — the spec's 5 s at long epochs and its
 *     test-net 500 ms at D = 120 s
 * @param pageItems items asked for per request; a page of the largest symbols is about 128 MiB,
 *     so the prover caps each answer at {@link Prover#MAX_RESPONSE_BYTES} and the challenger asks
 *     again from where it stopped
 * @param targetsInParallel targets this node challenges at once
 * @param proverSessions challenge requests this node answers at once (one per challenger besides)
 * @param poll how often the ledger's window state is read
 * @param reportLosses whether the node reports shards it cannot make whole before the challenge
 *     with {@code shard_request_recovery} by itself ({@link LossReportRule}); on by default
 * @param lossLead how long before the pre-blackout the node starts deciding whether to report;
 *     empty: {@code D/20} clamped to [3 s, 60 s], at least three polls
 */
public record ChallengeSettings(
    Optional<Duration> guard, int pageItems, int targetsInParallel, int proverSessions, Duration poll,
    ChallengeFaults faults, boolean reportLosses, Optional<Duration> lossLead) {

  public static final String REPORT_LOSSES_PROPERTY = "walrus.node.challenge.reportLosses";

  /** Settings with losses reported and the default lead. */
  public ChallengeSettings(Optional<Duration> guard, int pageItems, int targetsInParallel, int proverSessions,
      Duration poll, ChallengeFaults faults) {
    this(guard, pageItems, targetsInParallel, proverSessions, poll, faults, true, Optional.empty());
  }

  public static ChallengeSettings defaults() {
    return new ChallengeSettings(Optional.empty(), 256, 2, 2, Duration.ofSeconds(1), ChallengeFaults.NONE);
  }

  /**
   * Defaults with the JVM properties {@code walrus.node.challenge.guardMs}, {@code …reportLosses}
   * ({@code false} turns the loss reports off) and {@code …faults} applied.
   */
  public static ChallengeSettings fromSystemProperties() {
    String guard = System.getProperty("walrus.node.challenge.guardMs");
    ChallengeSettings d = defaults();
    return new ChallengeSettings(guard == null ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(guard))),
        d.pageItems(), d.targetsInParallel(), d.proverSessions(), d.poll(), ChallengeFaults.fromSystemProperty(),
        !"false".equalsIgnoreCase(System.getProperty(REPORT_LOSSES_PROPERTY, "true")), Optional.empty());
  }

  /** The pre-blackout lead for epochs of {@code epochMs}. */
  public long guardMs(long epochMs) {
    return guard.map(Duration::toMillis).orElse(Math.clamp(epochMs / 240, 100L, 5_000L));
  }

  /** How long before the pre-blackout loss reports are decided, for epochs of {@code epochMs}. */
  public long lossLeadMs(long epochMs) {
    return lossLead.map(Duration::toMillis)
        .orElse(Math.max(3 * poll.toMillis(), Math.clamp(epochMs / 20, 3_000L, 60_000L)));
  }
}
