package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.ledger.api.SystemInfoView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --epochs}, {@code --end-epoch} and {@code --earliest-expiry-time} as epochs ahead. */
class StoreLifetimeTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  /** Epoch 7 started 10 minutes ago; epochs last an hour; at most 20 ahead. */
  private static final long START = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();

  private static SystemInfoView system(Long epochStart) {
    return new SystemInfoView("test", new byte[32], 1, START + 1000, new SystemInfoView.EpochInfo(7, "EpochChangeDone",
        epochStart, null, null, HOUR, HOUR, 0, 20), null, null, null, null);
  }

  private static StoreLifetime epochs(String n) {
    StoreLifetime l = new StoreLifetime();
    l.epochs = n;
    return l;
  }

  @Test
  void epochsCountOrMax() {
    assertThat(epochs("3").epochsAhead(system(START))).isEqualTo(3);
    assertThat(epochs("max").epochsAhead(system(START))).isEqualTo(20);
    assertThatThrownBy(() -> epochs("21").epochsAhead(system(START)))
        .hasMessage("blobs can only be stored for up to 20 epochs ahead; 21 epochs were requested");
    assertThatThrownBy(() -> epochs("0").epochsAhead(system(START))).hasMessageContaining("invalid epoch count '0'");
    assertThatThrownBy(() -> epochs("many").epochsAhead(system(START))).hasMessageContaining("'max'");
  }

  @Test
  void endEpochIsAfterTheCurrentOne() {
    StoreLifetime l = new StoreLifetime();
    l.endEpoch = 10;
    assertThat(l.epochsAhead(system(START))).isEqualTo(3);
    l.endEpoch = 7;
    assertThatThrownBy(() -> l.epochsAhead(system(START)))
        .hasMessage("--end-epoch 7 must be greater than the current epoch 7");
  }

  @Test
  void earliestExpiryTimeCountsEpochsFromTheCurrentEpochsStart() {
    StoreLifetime l = new StoreLifetime();
    // 2.5 epochs after the epoch started: it falls into the third epoch from now, so 3 ahead.
    l.earliestExpiryTime = Instant.ofEpochMilli(START + 5 * HOUR / 2).toString();
    assertThat(l.epochsAhead(system(START))).isEqualTo(3);
    // During an epoch change the ledger's time stands in for the epoch's start.
    assertThat(l.epochsAhead(system(null))).isEqualTo(3);
    l.earliestExpiryTime = "2001-01-01 00:00:00";
    assertThatThrownBy(() -> l.epochsAhead(system(START))).hasMessageContaining("must be after the start");
    l.earliestExpiryTime = "next tuesday";
    assertThatThrownBy(() -> l.epochsAhead(system(START))).hasMessageContaining("not a time in RFC 3339 form");
  }

  @Test
  void timesWithoutAZoneAreUtc() {
    assertThat(StoreLifetime.parseTime("2030-01-02 03:04:05")).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
    assertThat(StoreLifetime.parseTime("2030-01-02T03:04:05+01:00")).isEqualTo(Instant.parse("2030-01-02T02:04:05Z"));
  }
}
