package dev.walrus.sites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SiteIdsTest {

  @Test
  void roundTripsRandomAndEdgeIds() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      if (i % 10 == 0) {
        java.util.Arrays.fill(b, 0, i % 32, (byte) 0); // leading zero bytes
      }
      ObjectId id = ObjectId.of(b);
      String label = SiteIds.toBase36(id);
      assertThat(label.length()).isLessThanOrEqualTo(SiteIds.MAX_LENGTH);
      assertThat(label).matches("[0-9a-z]+");
      assertThat(SiteIds.fromBase36(label)).contains(id);
      assertThat(SiteIds.fromBase36(label.toUpperCase())).contains(id);
    }
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(SiteIds.fromBase36(SiteIds.toBase36(ObjectId.of(ones)))).contains(ObjectId.of(ones));
  }

  @Test
  void refusesWhatIsNotAnId() {
    assertThat(SiteIds.fromBase36("")).isEmpty();
    assertThat(SiteIds.fromBase36("my-site")).isEmpty();
    assertThat(SiteIds.fromBase36("z".repeat(50))).isEmpty(); // 36^50 - 1 > 2^256
    assertThat(SiteIds.fromBase36("1".repeat(51))).isEmpty();
  }
}
