package dev.walrus.node.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The blackout's phases (spec/challenges.md §6.1–6.2) at every boundary. */
class BlackoutTest {
  static final long OPEN = 100_000;
  static final long ACK_DEADLINE = 102_000;
  static final long CLOSE = 124_000;
  static final long GUARD = 500;
  static final BlobId CHALLENGED = blob(1);
  static final BlobId OTHER = blob(2);
  static final BlobId NEW = blob(3);

  final AtomicLong now = new AtomicLong();
  Window window;
  final ChallengeSettings settings = new ChallengeSettings(Optional.of(Duration.ofMillis(GUARD)), 256, 2, 2,
      Duration.ofSeconds(1), ChallengeFaults.NONE);
  final Blackout blackout = new Blackout(() -> Optional.ofNullable(window), (id, e) -> !id.equals(NEW), settings, now::get);

  @Test
  void beforeTheGuardNothingIsBlackedOut() {
    window = window("PENDING", false);
    now.set(OPEN - GUARD - 1);
    assertThat(blackout.until(CHALLENGED)).isEmpty();
  }

  @Test
  void fromTheGuardUntilTheSeedEveryEligibleBlob() {
    window = window("PENDING", false);
    now.set(OPEN - GUARD);
    assertThat(blackout.until(CHALLENGED)).contains(ACK_DEADLINE + GUARD);
    assertThat(blackout.until(OTHER)).contains(ACK_DEADLINE + GUARD);
    assertThat(blackout.until(NEW)).as("certified in the epoch: not eligible").isEmpty();
    now.set(ACK_DEADLINE + GUARD + 5_000);
    assertThat(blackout.until(OTHER)).as("no seed seen yet: still blacked out").contains(ACK_DEADLINE + GUARD + 6_000);
    now.set(CLOSE);
    assertThat(blackout.until(OTHER)).as("at the close at the latest").isEmpty();
  }

  @Test
  void afterTheSeedOnlyTheChallengedSetUntilClose() {
    window = window("SEEDED", true);
    now.set(OPEN + 10);
    assertThat(blackout.until(CHALLENGED)).contains(CLOSE);
    assertThat(blackout.until(OTHER)).isEmpty();
    now.set(CLOSE - 1);
    assertThat(blackout.until(CHALLENGED)).contains(CLOSE);
    now.set(CLOSE);
    assertThat(blackout.until(CHALLENGED)).isEmpty();
  }

  @Test
  void aSkippedEpochOrNoWindowBlacksOutNothing() {
    window = window("SKIPPED", false);
    now.set(OPEN + 1);
    assertThat(blackout.until(CHALLENGED)).isEmpty();
    window = null;
    assertThat(blackout.until(CHALLENGED)).isEmpty();
  }

  @Test
  void theRefusalCarriesRetryAfter() {
    var e = ChallengeRefusal.blackout("b", CLOSE, CLOSE - 2_500);
    assertThat(e.error().code()).isEqualTo(503);
    assertThat(e.error().reason()).isEqualTo("CHALLENGE_BLACKOUT");
    assertThat(ChallengeRefusal.retryAfter(e.error())).contains("3");
  }

  static Window window(String status, boolean seeded) {
    ChallengeEpochView v = new ChallengeEpochView(5, status, null, 0, OPEN, ACK_DEADLINE, CLOSE, 130_000L, 16, 4, 0,
        seeded ? new byte[32] : null, seeded ? new byte[32] : null, seeded ? List.of(CHALLENGED) : List.of(), List.of(),
        List.of(), List.of(), null);
    return Window.of(v, new CommitteeView(5, 16, List.of()), Optional.empty(), 120_000);
  }

  static BlobId blob(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    return BlobId.of(b);
  }
}
