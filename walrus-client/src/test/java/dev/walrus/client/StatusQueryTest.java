package dev.walrus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.DeletableCounts;
import dev.walrus.node.api.EventId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How statuses from many nodes combine (protocol.md §4.3); f = 3 for 10 shards. */
class StatusQueryTest {
  private static final EventId EVENT = EventId.of(new byte[32], 7);
  private static final BlobStatus CERTIFIED = new BlobStatus.Permanent(5, true, EVENT, DeletableCounts.NONE, 1);
  private static final BlobStatus REGISTERED = new BlobStatus.Permanent(5, false, EVENT, DeletableCounts.NONE, null);
  private static final BlobStatus INVALID = new BlobStatus.Invalid(EVENT);

  private static StatusQuery query(boolean eventsCheckOut) {
    return new StatusQuery(null, Retry.DEFAULT, s -> eventsCheckOut);
  }

  @Test
  void latestStatusBackedByMoreThanFWins() {
    assertThat(query(false).decide(Map.of(CERTIFIED, 4, REGISTERED, 3), 3)).isEqualTo(CERTIFIED);
  }

  @Test
  void aFewLyingNodesCannotMarkABlobInvalid() {
    assertThat(query(false).decide(Map.of(INVALID, 3, CERTIFIED, 4), 3)).isEqualTo(CERTIFIED);
  }

  @Test
  void weaklyBackedStatusNeedsItsEvent() {
    assertThat(query(false).decide(Map.of(CERTIFIED, 3, BlobStatus.NONEXISTENT, 4), 3))
        .isEqualTo(BlobStatus.NONEXISTENT);
    assertThat(query(true).decide(Map.of(CERTIFIED, 3, BlobStatus.NONEXISTENT, 4), 3)).isEqualTo(CERTIFIED);
  }

  @Test
  void unverifiableDeletableFallsBackToNonexistent() {
    BlobStatus deletable = new BlobStatus.Deletable(null, DeletableCounts.NONE);
    assertThat(query(true).decide(Map.of(deletable, 3), 3)).isEqualTo(BlobStatus.NONEXISTENT);
    assertThat(query(true).decide(Map.of(deletable, 4), 3)).isEqualTo(deletable);
  }
}
