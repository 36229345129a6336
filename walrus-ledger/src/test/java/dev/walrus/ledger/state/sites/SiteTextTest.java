package dev.walrus.ledger.state.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The path order is UTF-8 byte order, and UTF-8 lengths are counted right, for any valid text. */
class SiteTextTest {
  private static final int[] POINTS = {'/', 'a', 'z', 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xff5e, 0xffff,
      0x10000, 0x1f600, 0x10ffff};

  static String random(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(POINTS[r.nextInt(POINTS.length)]);
    }
    return b.toString();
  }

  @Test
  void compareAgreesWithUtf8BytesAndLengthWithTheEncoder() {
    Random r = new Random(14);
    for (int i = 0; i < 200_000; i++) {
      String a = random(r);
      String b = random(r);
      byte[] ua = a.getBytes(StandardCharsets.UTF_8);
      byte[] ub = b.getBytes(StandardCharsets.UTF_8);
      assertThat(Integer.signum(SiteText.compareUtf8(a, b))).as("%s vs %s", a, b)
          .isEqualTo(Integer.signum(Arrays.compareUnsigned(ua, ub)));
      assertThat(SiteText.utf8Length(a)).isEqualTo(ua.length);
    }
    assertThat(SiteText.utf8Length("a\uD800")).isEqualTo(-1);
    assertThat(SiteText.utf8Length("\uDC00a")).isEqualTo(-1);
  }
}
