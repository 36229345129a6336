package dev.walrus.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.node.api.BlobStatus.Deletable;
import dev.walrus.node.api.BlobStatus.Invalid;
import dev.walrus.node.api.BlobStatus.Permanent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobStatusTest {
  private static final String DIGEST = "EhtoQF9UpPyg5PsPUs69LdkcRrjQ3R4cTsHnwxZVTNrC";
  private static final EventId EVENT = new EventId(DIGEST, 7);
  private static final String EVENT_JSON = "{\"txDigest\":\"" + DIGEST + "\",\"eventSeq\":\"7\"}";

  @Test
  void writesWalrusJson() {
    assertThat(BlobStatus.NONEXISTENT.toJson()).isEqualTo("\"nonexistent\"");
    assertThat(new Invalid(EVENT).toJson()).isEqualTo("{\"invalid\":{\"event\":" + EVENT_JSON + "}}");
    assertThat(new Permanent(12, true, EVENT, new DeletableCounts(3, 1), 4).toJson()).isEqualTo(
        "{\"permanent\":{\"endEpoch\":12,\"isCertified\":true,\"statusEvent\":" + EVENT_JSON
            + ",\"deletableCounts\":{\"count_deletable_total\":3,\"count_deletable_certified\":1},"
            + "\"initialCertifiedEpoch\":4}}");
    assertThat(new Permanent(12, false, EVENT, DeletableCounts.NONE, null).toJson()).isEqualTo(
        "{\"permanent\":{\"endEpoch\":12,\"isCertified\":false,\"statusEvent\":" + EVENT_JSON
            + ",\"deletableCounts\":{\"count_deletable_total\":0,\"count_deletable_certified\":0},"
            + "\"initialCertifiedEpoch\":null}}");
    assertThat(new Deletable(null, new DeletableCounts(2, 0)).toJson()).isEqualTo(
        "{\"deletable\":{\"initialCertifiedEpoch\":null,"
            + "\"deletableCounts\":{\"count_deletable_total\":2,\"count_deletable_certified\":0}}}");
  }

  @Test
  void roundTripsThroughItsOwnJsonAndTheMapper() {
    for (BlobStatus s : samples()) {
      assertThat(BlobStatus.fromJson(s.toJson())).isEqualTo(s);
      assertThat(NodeApiJson.toJson(s)).isEqualTo(s.toJson());
      assertThat(NodeApiJson.parseSuccess(NodeApiJson.successBytes(200, s), BlobStatus.class)).isEqualTo(s);
    }
  }

  @Test
  void readsAMissingInitialEpochAsNone() {
    String json = "{\"deletable\":{\"deletableCounts\":{\"count_deletable_total\":1,\"count_deletable_certified\":1}}}";
    assertThat(BlobStatus.fromJson(json)).isEqualTo(new Deletable(null, new DeletableCounts(1, 1)));
  }

  @Test
  void rejectsMalformedStatuses() {
    String counts = "{\"count_deletable_total\":1,\"count_deletable_certified\":0}";
    for (String bad : new String[] {
        "\"registered\"",
        "{}",
        "{\"invalid\":{\"event\":" + EVENT_JSON + "},\"nonexistent\":{}}",
        "{\"removed\":{}}",
        "{\"invalid\":{}}",
        "{\"permanent\":{\"endEpoch\":-1,\"isCertified\":true,\"statusEvent\":" + EVENT_JSON + ",\"deletableCounts\":" + counts + "}}",
        "{\"permanent\":{\"endEpoch\":1,\"isCertified\":\"yes\",\"statusEvent\":" + EVENT_JSON + ",\"deletableCounts\":" + counts + "}}",
        "{\"permanent\":{\"end_epoch\":1,\"is_certified\":true,\"status_event\":" + EVENT_JSON + ",\"deletable_counts\":" + counts + "}}",
        "{\"permanent\":{\"endEpoch\":1.5,\"isCertified\":true,\"statusEvent\":" + EVENT_JSON + ",\"deletableCounts\":" + counts + "}}",
        "{\"deletable\":{\"initialCertifiedEpoch\":1,\"deletableCounts\":{\"countDeletableTotal\":1}}}",
        "{\"deletable\":[]}",
        "42",
        "null"}) {
      assertThatThrownBy(() -> BlobStatus.fromJson(bad)).as(bad).isInstanceOf(ApiFormatException.class);
    }
  }

  @Test
  void ordersAsWalrusDoes() {
    EventId other = new EventId(DIGEST, 99);
    BlobStatus nonexistent = BlobStatus.NONEXISTENT;
    BlobStatus deletable = new Deletable(null, new DeletableCounts(5, 0));
    BlobStatus deletableCertified = new Deletable(3, new DeletableCounts(1, 1));
    BlobStatus registered = new Permanent(100, false, EVENT, DeletableCounts.NONE, null);
    BlobStatus certifiedShort = new Permanent(10, true, EVENT, DeletableCounts.NONE, 2);
    BlobStatus certifiedLong = new Permanent(20, true, EVENT, DeletableCounts.NONE, 2);
    BlobStatus invalid = new Invalid(EVENT);
    List<BlobStatus> expected = List.of(
        nonexistent, deletable, deletableCertified, registered, certifiedShort, certifiedLong, invalid);
    List<BlobStatus> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(3));
    shuffled.sort(BlobStatus.ORDER);
    assertThat(shuffled).containsExactlyElementsOf(expected);

    // Invalid statuses are all equal; the event of a permanent status does not count.
    assertThat(BlobStatus.ORDER.compare(invalid, new Invalid(other))).isZero();
    assertThat(BlobStatus.ORDER.compare(certifiedLong, new Permanent(20, true, other, DeletableCounts.NONE, 2))).isZero();
    // Certified deletable count before the total.
    assertThat(BlobStatus.ORDER.compare(new Deletable(1, new DeletableCounts(1, 1)), new Deletable(1, new DeletableCounts(9, 0))))
        .isPositive();
    // Earlier initial certification ranks higher; none ranks highest (Reverse(Option) in Walrus).
    assertThat(BlobStatus.ORDER.compare(new Permanent(20, true, EVENT, DeletableCounts.NONE, 1), certifiedLong)).isPositive();
    assertThat(BlobStatus.ORDER.compare(new Permanent(20, true, EVENT, DeletableCounts.NONE, null), certifiedLong)).isPositive();
    assertThat(BlobStatus.ORDER.compare(new Deletable(null, new DeletableCounts(1, 1)), new Deletable(0, new DeletableCounts(1, 1))))
        .isPositive();
    // Deletable counts break end-epoch ties between permanent statuses.
    assertThat(BlobStatus.ORDER.compare(new Permanent(20, true, EVENT, new DeletableCounts(1, 0), 2), certifiedLong)).isPositive();
  }

  @Test
  void registration() {
    assertThat(BlobStatus.NONEXISTENT.isRegistered()).isFalse();
    assertThat(new Invalid(EVENT).isRegistered()).isFalse();
    assertThat(new Deletable(null, DeletableCounts.NONE).isRegistered()).isTrue();
    assertThat(new Permanent(1, true, EVENT, DeletableCounts.NONE, 3).initialCertifiedEpoch()).isEqualTo(3);
  }

  private static List<BlobStatus> samples() {
    return List.of(
        BlobStatus.NONEXISTENT,
        new Invalid(EVENT),
        new Permanent(12, true, EVENT, new DeletableCounts(3, 1), 4),
        new Permanent(0, false, EventId.of(new byte[32], 0), DeletableCounts.NONE, null),
        new Deletable(null, new DeletableCounts(2, 0)),
        new Deletable(9, new DeletableCounts(2, 2)));
  }
}
