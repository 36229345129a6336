package dev.walrus.cli;

import dev.walrus.ledger.api.GenesisConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * WAL amounts on the command line: a whole number is FROST ({@code 1500}), a number with a {@code
 * WAL} suffix is WAL ({@code 1.5WAL}, {@code 2 wal}; at most 9 decimals). Printed as {@code 1.5 WAL}.
 */
final class Amounts {
  private static final BigDecimal FROST_PER_WAL = BigDecimal.valueOf(GenesisConfig.FROST_PER_WAL);

  private Amounts() {}

  /** FROST; throws {@link CliException} for anything that is not a positive amount. */
  static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    boolean wal = t.endsWith("wal");
    String number = (wal ? t.substring(0, t.length() - 3) : t.endsWith("frost") ? t.substring(0, t.length() - 5) : t).trim();
    try {
      BigDecimal v = new BigDecimal(number);
      BigDecimal frost = wal ? v.multiply(FROST_PER_WAL) : v;
      if (frost.signum() <= 0) {
        throw new CliException("amount '" + text + "' must be positive");
      }
      return frost.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (NumberFormatException e) {
      throw new CliException("'" + text + "' is not an amount (e.g. 1000 for FROST, 1.5WAL for WAL)");
    } catch (ArithmeticException e) {
      throw new CliException("amount '" + text + "' is not a whole number of FROST or is too large");
    }
  }

  /** {@code 1.5 WAL}; whole FROST digits only. */
  static String wal(long frost) {
    return BigDecimal.valueOf(frost).divide(FROST_PER_WAL).stripTrailingZeros().toPlainString() + " WAL";
  }

  /** {@code 1.5 WAL (1500000000 FROST)}. */
  static String both(long frost) {
    return wal(frost) + " (" + frost + " FROST)";
  }
}
