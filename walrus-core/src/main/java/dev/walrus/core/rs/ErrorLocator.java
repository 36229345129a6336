package dev.walrus.core.rs;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Logarithms of the erasure locator polynomial at every point of a decoding domain.
 *
 * <p>For erasure set {@code E} and point {@code i}, the value is {@code Σ_{e∈E} log(pt(i) −
 * pt(e))} modulo 65535. Subtraction is XOR, so {@code pt(i) − pt(e) = pt(i ⊕ e)}, and the sum is
 * the XOR-convolution of the erasure indicator with the log table: two fast Walsh–Hadamard
 * transforms of the domain size compute it. At a known point this is {@code log L(x_i)}; at an
 * erased point the {@code e = i} term is {@code log 1 = 0}, leaving {@code log L'(x_i)}, exactly the
 * divisor the decoder needs.
 */
final class ErrorLocator {
  private static final long M = Gf16.MODULUS;
  private static final ConcurrentHashMap<Integer, long[]> LOG_WALSH = new ConcurrentHashMap<>();

  private ErrorLocator() {}

  static int[] logValues(boolean[] known) {
    int n = known.length;
    long[] a = new long[n];
    for (int e = 0; e < n; e++) {
      a[e] = known[e] ? 0 : 1;
    }
    fwht(a);
    long[] walshOfLog = LOG_WALSH.computeIfAbsent(n, ErrorLocator::walshOfLog);
    for (int i = 0; i < n; i++) {
      a[i] = a[i] * walshOfLog[i] % M;
    }
    fwht(a);
    // Undo the transform's scale factor n = 2^m: its inverse modulo 65535 is 2^(16-m).
    long inverseN = 1L << (16 - Integer.numberOfTrailingZeros(n));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) (a[i] * inverseN % M);
    }
    return out;
  }

  private static long[] walshOfLog(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = Gf16.LOG[i] % M;
    }
    fwht(t);
    return t;
  }

  /** In-place Walsh–Hadamard transform modulo 65535. */
  private static void fwht(long[] a) {
    for (int h = 1; h < a.length; h <<= 1) {
      for (int i = 0; i < a.length; i += 2 * h) {
        for (int j = i; j < i + h; j++) {
          long u = a[j];
          long v = a[j + h];
          a[j] = (u + v) % M;
          a[j + h] = (u - v + M) % M;
        }
      }
    }
  }
}
