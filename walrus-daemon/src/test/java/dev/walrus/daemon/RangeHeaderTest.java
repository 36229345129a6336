package dev.walrus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {
  @Test
  void parsesOneClosedRange() {
    assertThat(RangeHeader.parse("bytes=0-0")).isEqualTo(new RangeHeader(0, 0));
    assertThat(RangeHeader.parse(" bytes=10-99 ")).isEqualTo(new RangeHeader(10, 99));
    assertThat(RangeHeader.parse("bytes=10-99").length()).isEqualTo(90);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=-5", "bytes=5-", "bytes=1-2,3-4", "bytes=3-1", "items=1-2", "bytes=a-b", "bytes=1",
      "bytes=99999999999999999999-1", "bytes=0-9223372036854775807"})
  void refusesEverythingElseWith416(String header) {
    assertThatThrownBy(() -> RangeHeader.parse(header)).isInstanceOfSatisfying(DaemonError.class, e -> {
      assertThat(e.status()).isEqualTo(416);
      assertThat(e.error().reason()).isEqualTo("INVALID_BYTE_RANGE");
      assertThat(e.error().domain()).isEqualTo("daemon.walrus.space");
    });
  }
}
