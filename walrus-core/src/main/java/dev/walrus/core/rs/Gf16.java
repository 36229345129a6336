package dev.walrus.core.rs;

/**
 * GF(2^16) exactly as reed-solomon-simd 3.x (and therefore Walrus RS2) represents it.
 *
 * <p>Elements are 16-bit values in a Cantor basis of the field built from x^16+x^5+x^3+x^2+1, not
 * in the polynomial basis: a plain GF(2^16) implementation produces different bytes. Products are
 * computed through logarithm tables whose layout has two quirks that the FFT relies on:
 *
 * <ul>
 *   <li>{@code LOG[0] = 65535} marks zero;
 *   <li>logarithms add modulo 65535 with both 0 and 65535 standing for residue 0, and {@code EXP}
 *       agrees on both, so {@link #mulLog}{@code (x, 65535) == x}.
 * </ul>
 *
 * <p>The {@link #SKEW} table holds the twiddle factors of the additive FFT as logarithms; a
 * twiddle of {@link #MODULUS} stands for the zero element and means "skip the multiply".
 */
public final class Gf16 {
  /** Field order minus one: the modulus for logarithms and the "zero" marker in log tables. */
  public static final int MODULUS = 65535;

  private static final int POLYNOMIAL = 0x1002D;
  private static final int[] CANTOR_BASIS = {
    0x0001, 0xACCA, 0x3C0E, 0x163E, 0xC582, 0xED2E, 0x914C, 0x4012,
    0x6C98, 0x10D8, 0x6A72, 0xB900, 0xFDB8, 0xFB34, 0xFF38, 0x991E
  };

  /** Discrete logarithm of each element (Cantor representation); {@code LOG[0] = 65535}. */
  static final char[] LOG = new char[65536];

  /** Inverse of {@link #LOG}; {@code EXP[65535] == EXP[0] == 1}. */
  static final char[] EXP = new char[65536];

  /** FFT twiddle factors as logarithms, 65535 entries; 65535 means the zero element. */
  static final char[] SKEW = new char[MODULUS];

  static {
    buildLogExp();
    buildSkew();
  }

  private Gf16() {}

  /** Addition of logarithms modulo 65535 (0 and 65535 both mean residue 0). */
  public static int addMod(int a, int b) {
    int t = a + b;
    return (t + (t >>> 16)) & 0xFFFF;
  }

  /** {@code x · EXP[log]}; zero when {@code x == 0}. */
  public static int mulLog(int x, int log) {
    return x == 0 ? 0 : EXP[addMod(LOG[x], log)];
  }

  /** Field product of two elements. */
  public static int mul(int a, int b) {
    return (a == 0 || b == 0) ? 0 : EXP[addMod(LOG[a], LOG[b])];
  }

  /** Logarithm of a non-zero element; 65535 for zero. */
  public static int log(int x) {
    return LOG[x];
  }

  /** The element whose logarithm is {@code log}. */
  public static int exp(int log) {
    return EXP[log];
  }

  /** Multiplicative inverse of a non-zero element. */
  public static int inverse(int x) {
    if (x == 0) {
      throw new ArithmeticException("zero has no inverse in GF(2^16)");
    }
    return EXP[MODULUS - LOG[x]];
  }

  /** The twiddle log at {@code index} of the skew table. */
  public static int skew(int index) {
    return SKEW[index];
  }

  private static void buildLogExp() {
    int[] lfsr = new int[65536];
    int state = 1;
    for (int i = 0; i < MODULUS; i++) {
      lfsr[state] = i;
      state <<= 1;
      if (state >= 65536) {
        state ^= POLYNOMIAL;
      }
    }
    lfsr[0] = MODULUS;

    int[] toStandard = new int[65536];
    for (int b = 0; b < 16; b++) {
      int width = 1 << b;
      for (int j = 0; j < width; j++) {
        toStandard[j + width] = toStandard[j] ^ CANTOR_BASIS[b];
      }
    }
    for (int v = 0; v < 65536; v++) {
      LOG[v] = (char) lfsr[toStandard[v]];
    }
    for (int v = 0; v < 65536; v++) {
      EXP[LOG[v]] = (char) v;
    }
    EXP[MODULUS] = EXP[0];
  }

  private static void buildSkew() {
    int[] skew = new int[MODULUS];
    int[] tmp = new int[15];
    for (int i = 0; i < 15; i++) {
      tmp[i] = 1 << (i + 1);
    }
    for (int m = 0; m < 15; m++) {
      int step = 1 << (m + 1);
      skew[(1 << m) - 1] = 0;
      for (int i = m; i < 15; i++) {
        int s = 1 << (i + 1);
        for (int j = (1 << m) - 1; j < s; j += step) {
          skew[j + s] = skew[j] ^ tmp[i];
        }
      }
      tmp[m] = MODULUS - LOG[mulLog(tmp[m], LOG[tmp[m] ^ 1])];
      for (int i = m + 1; i < 15; i++) {
        int sum = addMod(LOG[tmp[i] ^ 1], tmp[m]);
        tmp[i] = mulLog(tmp[i], sum);
      }
    }
    for (int j = 0; j < MODULUS; j++) {
      SKEW[j] = LOG[skew[j]];
    }
  }
}
