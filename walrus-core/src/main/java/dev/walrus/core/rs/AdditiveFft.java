package dev.walrus.core.rs;

import dev.walrus.core.internal.vectorization.GfKernels;

/**
 * The additive FFT of Lin, Chung and Han in the form reed-solomon-simd uses (spec §5.3).
 *
 * <p>Both transforms act in place on a run of {@code size} consecutive positions of a work
 * buffer; position {@code i} occupies {@code stride} bytes at {@code base + i·stride} (a whole
 * number of 64-byte blocks). Butterfly blocks starting at or after {@code truncated} are skipped,
 * which only saves work when the caller zero-fills as the spec describes.
 */
final class AdditiveFft {
  private AdditiveFft() {}

  /** Coefficients (novel basis) → values at points {@code skewDelta + i}. */
  static void fft(GfKernels g, byte[] buf, int base, int stride, int size, int truncated, int skewDelta) {
    for (int d = size >>> 1; d > 0; d >>>= 1) {
      int len = d * stride;
      for (int r = 0; r < truncated; r += 2 * d) {
        int log = Gf16.SKEW[r + d + skewDelta - 1];
        int x = base + r * stride;
        int y = x + len;
        if (log == Gf16.MODULUS) {
          g.xor(buf, y, x, len);
        } else {
          g.fftButterfly(buf, x, y, len, log);
        }
      }
    }
  }

  /** Values at points {@code skewDelta + i} → coefficients (novel basis). */
  static void ifft(GfKernels g, byte[] buf, int base, int stride, int size, int truncated, int skewDelta) {
    for (int d = 1; d < size; d <<= 1) {
      int len = d * stride;
      for (int r = 0; r < truncated; r += 2 * d) {
        int log = Gf16.SKEW[r + d + skewDelta - 1];
        int x = base + r * stride;
        int y = x + len;
        if (log == Gf16.MODULUS) {
          g.xor(buf, y, x, len);
        } else {
          g.ifftButterfly(buf, x, y, len, log);
        }
      }
    }
  }

  /**
   * Formal derivative of a polynomial in the novel basis, plus the polynomial itself.
   *
   * <p>With the Cantor basis every normalised subspace polynomial has derivative 1, so the
   * derivative's coefficient {@code m} is the XOR of coefficients {@code m + 2^b} over the bits
   * {@code b} clear in {@code m}. The sweep below computes that and leaves each coefficient's own
   * value in place too; the decoder only reads the result at erased points, where the polynomial
   * itself vanishes, so the extra term is harmless.
   */
  static void formalDerivative(GfKernels g, byte[] buf, int base, int stride, int size) {
    for (int i = 1; i < size; i++) {
      int width = i & -i;
      g.xor(buf, base + (i - width) * stride, base + i * stride, width * stride);
    }
  }
}
