package dev.walrus.sites.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  private static Object decide(String header, long size) {
    return ByteRange.decide(header, size);
  }

  private static ByteRange.Part part(long a, long b) {
    return new ByteRange.Part(new ByteRange(a, b));
  }

  @Test
  void answersOneRangeAndIgnoresWhatItCannotServe() {
    assertThat(decide(null, 10)).isEqualTo(new ByteRange.Whole());
    assertThat(decide("bytes=0-0", 10)).isEqualTo(part(0, 0));
    assertThat(decide("bytes=5-", 10)).isEqualTo(part(5, 9));
    assertThat(decide("bytes=5-100", 10)).isEqualTo(part(5, 9));
    assertThat(decide("bytes=-4", 10)).isEqualTo(part(6, 9));
    assertThat(decide("bytes=-40", 10)).isEqualTo(part(0, 9));
    assertThat(decide("bytes=10-", 10)).isEqualTo(new ByteRange.Unsatisfiable());
    assertThat(decide("bytes=-0", 10)).isEqualTo(new ByteRange.Unsatisfiable());
    assertThat(decide("bytes=0-1,3-4", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(decide("bytes=4-2", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(decide("items=0-1", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(decide("bytes=a-b", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(decide("bytes=-", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(decide("bytes=99999999999999999999-", 10)).isEqualTo(new ByteRange.Whole());
  }
}
