package dev.walrus.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The template helpers: escaping, formatting and the inline chart. */
class HtmlTest {
  @Test
  void everyMarkupCharacterIsEscaped() {
    assertThat(Html.text("<a href=\"x\" onclick='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.table("t", List.of("<h>"), List.of(List.of("<b>cell</b>")))).contains("<th>&lt;h&gt;</th>")
        .as("cells are HTML built by the pages").contains("<td><b>cell</b></td>");
  }

  @Test
  void amountsSizesAndDurationsReadNaturally() {
    assertThat(Units.wal(0)).isEqualTo("0 WAL");
    assertThat(Units.wal(1_234_500_000_000L)).isEqualTo("1 234.5 WAL");
    assertThat(Units.wal(5_000)).isEqualTo("5 000 FROST");
    assertThat(Units.wal(100_000)).isEqualTo("0.0001 WAL");
    assertThat(Units.bytes(512)).isEqualTo("512 B");
    assertThat(Units.bytes(3L << 30)).isEqualTo("3.0 GiB");
    assertThat(Units.duration(3_725_000)).isEqualTo("1h 02m");
    assertThat(Units.duration(65_000)).isEqualTo("1m 05s");
    assertThat(Units.basisPoints(525)).isEqualTo("5.25 %");
    assertThat(NodePage.compact(List.of(5, 0, 1, 2, 7, 8))).isEqualTo("0-2, 5, 7-8");
  }

  @Test
  void aProgressBarIsClampedAndASparklineNeedsTwoPoints() {
    assertThat(Html.progress(150, 100, "x")).contains("width:100%");
    assertThat(Html.progress(-5, 100, "x")).contains("width:0%");
    assertThat(Html.sparkline(List.of(1L), "one")).isEmpty();
    assertThat(Html.sparkline(List.of(0L, 10L), "two <epochs>")).contains("points=\"0,39 240,1\"")
        .contains("&lt;epochs&gt;");
  }
}
