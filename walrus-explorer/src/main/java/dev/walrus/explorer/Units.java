package dev.walrus.explorer;

import java.time.Duration;

/** How amounts, sizes and durations read on the pages (the JSON twins keep the raw numbers). */
final class Units {
  static final long FROST_PER_WAL = 1_000_000_000L;

  private Units() {}

  /**
   * FROST as WAL with up to four decimals, e.g. {@code 1 234.5 WAL}; amounts too small to show
   * that way (prices often are) in FROST, e.g. {@code 5 000 FROST}.
   */
  static String wal(long frost) {
    if (frost != 0 && Math.abs(frost) < 100_000) {
      return String.format("%,d", frost).replace(',', ' ') + " FROST";
    }
    long whole = frost / FROST_PER_WAL;
    long fraction = Math.abs(frost % FROST_PER_WAL) / 100_000;
    String w = String.format("%,d", whole).replace(',', ' ');
    return (fraction == 0 ? w : w + "." + String.format("%04d", fraction).replaceAll("0+$", "")) + " WAL";
  }

  /** Bytes in binary units, e.g. {@code 1.5 GiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }

  /** A duration as {@code 1h 02m}, {@code 4m 05s} or {@code 12s}. */
  static String duration(long ms) {
    Duration d = Duration.ofMillis(Math.max(0, ms));
    if (d.toHours() > 0) {
      return String.format("%dh %02dm", d.toHours(), d.toMinutesPart());
    }
    if (d.toMinutes() > 0) {
      return String.format("%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }
    return d.toSeconds() + "s";
  }

  /** Basis points as a percentage, e.g. {@code 5.00 %}. */
  static String basisPoints(int bp) {
    return String.format("%d.%02d %%", bp / 100, bp % 100);
  }
}
