package dev.walrus.ledger.state;

import java.math.BigInteger;

/**
 * Move's integer semantics: u64 arithmetic that aborts on overflow and underflow, and u128
 * products for the floor divisions of ledger.md (commission, rewards, exchange rates). Values are
 * non-negative {@code long}s; anything that would leave {@code [0, 2^63)} aborts, which is
 * stricter than u64 only above 9.2 × 10^18, far beyond the 5 × 10^18 FROST supply.
 */
public final class Checked {
  public static final String MODULE = "arithmetic";

  private Checked() {}

  public static long add(long a, long b) {
    long r = a + b;
    if (a < 0 || b < 0 || r < 0) {
      throw new Abort(MODULE, 0, "u64 overflow: " + a + " + " + b);
    }
    return r;
  }

  public static long sub(long a, long b) {
    if (b > a || b < 0) {
      throw new Abort(MODULE, 1, "u64 underflow: " + a + " - " + b);
    }
    return a - b;
  }

  public static long mul(long a, long b) {
    if (a < 0 || b < 0) {
      throw new Abort(MODULE, 0, "negative operand");
    }
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if (hi != 0 || lo < 0) {
      throw new Abort(MODULE, 0, "u64 overflow: " + a + " * " + b);
    }
    return lo;
  }

  /** {@code floor(a · b / c)} computed in 128 bits, as Move's u128 casts do; aborts if c = 0. */
  public static long mulDiv(long a, long b, long c) {
    if (c <= 0) {
      throw new Abort(MODULE, 2, "division by zero");
    }
    if (a < 0 || b < 0) {
      throw new Abort(MODULE, 0, "negative operand");
    }
    long hi = Math.multiplyHigh(a, b);
    if (hi == 0 && a * b >= 0) {
      return (a * b) / c;
    }
    BigInteger r = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
    if (r.bitLength() > 63) {
      throw new Abort(MODULE, 0, "u64 cast overflow");
    }
    return r.longValue();
  }

  /** {@code ceil(a / b)}. */
  public static long divCeil(long a, long b) {
    if (b <= 0) {
      throw new Abort(MODULE, 2, "division by zero");
    }
    return a == 0 ? 0 : (a - 1) / b + 1;
  }

  /** A u32 value (epochs): aborts outside {@code [0, 2^31)}. */
  public static int toU32(long v) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new Abort(MODULE, 3, "u32 cast overflow: " + v);
    }
    return (int) v;
  }
}
