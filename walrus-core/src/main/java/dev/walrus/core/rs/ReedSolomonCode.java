package dev.walrus.core.rs;

import dev.walrus.core.internal.vectorization.GfKernels;
import java.util.Arrays;

/**
 * A systematic Reed–Solomon code over GF(2^16) with {@code k} original and {@code r} recovery
 * symbols, bit-compatible with reed-solomon-simd 3.x (spec §5).
 *
 * <p>The code works on a caller-owned work buffer of positions, each {@code stride} bytes in the
 * 64-byte block layout; every lane of a position is an independent codeword. Codeword index
 * {@code c < k} is original {@code c}; {@code c ≥ k} is recovery symbol {@code c − k}.
 *
 * <p>Encoding follows the library's high- and low-rate algorithms exactly, because they produce
 * different recovery symbols. Decoding only has to be correct, not identical in method: it is the
 * classic erasure decoder for this FFT (error locator by fast Walsh–Hadamard transform, multiply,
 * IFFT, formal derivative, FFT, divide), applied to the polynomial characterisation of spec §5.8.
 */
public final class ReedSolomonCode {
  private final int originals;
  private final int recoveries;
  private final boolean highRate;
  /** High rate: nextPow2(r); low rate: nextPow2(k). */
  private final int chunk;
  private final int encodeWorkPositions;
  private final int decodeSize;

  /**
   * @throws IllegalArgumentException if either count is zero or the code does not fit the field
   */
  public ReedSolomonCode(int originals, int recoveries) {
    if (originals <= 0 || recoveries <= 0) {
      throw new IllegalArgumentException(
          "a Reed-Solomon code needs at least one original and one recovery symbol, got "
              + originals + " and " + recoveries);
    }
    int k2 = nextPow2(originals);
    int r2 = nextPow2(recoveries);
    if ((long) Math.min(k2, r2) + Math.max(originals, recoveries) > 65536) {
      throw new IllegalArgumentException(
          "Reed-Solomon code with " + originals + " original and " + recoveries
              + " recovery symbols does not fit GF(2^16)");
    }
    this.originals = originals;
    this.recoveries = recoveries;
    this.highRate = k2 > r2 || (k2 == r2 && originals <= recoveries);
    if (highRate) {
      chunk = r2;
      encodeWorkPositions = ceilDiv(originals, r2) * r2;
      decodeSize = nextPow2(r2 + originals);
    } else {
      chunk = k2;
      encodeWorkPositions = ceilDiv(recoveries, k2) * k2;
      decodeSize = nextPow2(k2 + recoveries);
    }
  }

  public int originals() {
    return originals;
  }

  public int recoveries() {
    return recoveries;
  }

  public boolean isHighRate() {
    return highRate;
  }

  /** Positions the work buffer of {@link #encode} must have. */
  public int encodeWorkPositions() {
    return encodeWorkPositions;
  }

  /** Positions the work buffer of {@link #decode} must have. */
  public int decodeWorkPositions() {
    return decodeSize;
  }

  /**
   * Computes the recovery symbols.
   *
   * <p>On entry positions {@code 0..k-1} hold the originals; the rest of the first {@link
   * #encodeWorkPositions()} positions may hold anything. On return positions {@code 0..r-1} hold
   * the recovery symbols and the originals are overwritten.
   */
  public void encode(GfKernels g, byte[] work, int stride) {
    // The transforms read zeros past the originals: up to the end of the last chunk at high rate;
    // at low rate only up to K, since the chunks after the first are overwritten by copies.
    int zeroEnd = highRate ? encodeWorkPositions : chunk;
    Arrays.fill(work, originals * stride, zeroEnd * stride, (byte) 0);
    if (highRate) {
      encodeHighRate(g, work, stride);
    } else {
      encodeLowRate(g, work, stride);
    }
  }

  private void encodeHighRate(GfKernels g, byte[] work, int stride) {
    int size = chunk;
    AdditiveFft.ifft(g, work, 0, stride, size, Math.min(originals, size), size);
    for (int c = size; c < originals; c += size) {
      int base = c * stride;
      AdditiveFft.ifft(g, work, base, stride, size, Math.min(size, originals - c), c + size);
      g.xor(work, 0, base, size * stride);
    }
    AdditiveFft.fft(g, work, 0, stride, size, recoveries, 0);
  }

  private void encodeLowRate(GfKernels g, byte[] work, int stride) {
    int size = chunk;
    AdditiveFft.ifft(g, work, 0, stride, size, originals, 0);
    for (int c = size; c < recoveries; c += size) {
      System.arraycopy(work, 0, work, c * stride, size * stride);
    }
    for (int c = 0; c < recoveries; c += size) {
      AdditiveFft.fft(g, work, c * stride, stride, size, Math.min(size, recoveries - c), c + size);
    }
  }

  /** Work-buffer position of codeword index {@code c} in {@link #decode}. */
  public int decodePosition(int codewordIndex) {
    if (highRate) {
      return codewordIndex < originals ? chunk + codewordIndex : codewordIndex - originals;
    }
    return codewordIndex < originals ? codewordIndex : chunk + codewordIndex - originals;
  }

  /**
   * Prepares the decoding of codewords with the given symbols present.
   *
   * @param present for each codeword index {@code 0..k+r-1}, whether its symbol is available
   * @throws IllegalArgumentException if fewer than {@code k} symbols are present
   */
  public DecodePlan planDecode(boolean[] present) {
    if (present.length != originals + recoveries) {
      throw new IllegalArgumentException(
          "expected " + (originals + recoveries) + " presence flags, got " + present.length);
    }
    int count = 0;
    for (boolean p : present) {
      if (p) {
        count++;
      }
    }
    if (count < originals) {
      throw new IllegalArgumentException(
          "decoding needs " + originals + " symbols, only " + count + " present");
    }
    boolean[] known = new boolean[decodeSize];
    for (int c = 0; c < present.length; c++) {
      known[decodePosition(c)] = present[c];
    }
    // Positions that hold fixed zeros of the polynomial characterisation are known as well.
    if (highRate) {
      Arrays.fill(known, chunk + originals, decodeSize, true);
    } else {
      Arrays.fill(known, originals, chunk, true);
    }
    return new DecodePlan(present.clone(), known, ErrorLocator.logValues(known));
  }

  /**
   * Recovers missing symbols in place.
   *
   * <p>On entry, for every present codeword index {@code c}, position {@link #decodePosition}(c)
   * holds that symbol; other positions may hold anything. On return the position of every
   * missing codeword index holds its recovered symbol, and present positions hold garbage.
   */
  public void decode(GfKernels g, byte[] work, int stride, DecodePlan plan) {
    int[] logL = plan.errorLocatorLogs();
    boolean[] known = plan.known();
    for (int i = 0; i < decodeSize; i++) {
      int base = i * stride;
      if (!known[i] || isFixedZero(i)) {
        Arrays.fill(work, base, base + stride, (byte) 0);
      } else if (logL[i] != 0 && logL[i] != Gf16.MODULUS) {
        g.mul(work, base, stride, logL[i]);
      }
    }
    AdditiveFft.ifft(g, work, 0, stride, decodeSize, decodeSize, 0);
    AdditiveFft.formalDerivative(g, work, 0, stride, decodeSize);
    AdditiveFft.fft(g, work, 0, stride, decodeSize, decodeSize, 0);
    boolean[] present = plan.present();
    for (int c = 0; c < present.length; c++) {
      if (!present[c]) {
        int pos = decodePosition(c);
        int inverse = Gf16.MODULUS - logL[pos];
        if (inverse != 0 && inverse != Gf16.MODULUS) {
          g.mul(work, pos * stride, stride, inverse);
        }
      }
    }
  }

  private boolean isFixedZero(int position) {
    return highRate
        ? position >= chunk + originals
        : position >= originals && position < chunk;
  }

  static int nextPow2(int x) {
    return x <= 1 ? 1 : Integer.highestOneBit(x - 1) << 1;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** The erasure pattern of one decoding, reusable for every lane and stripe with that pattern. */
  public record DecodePlan(boolean[] present, boolean[] known, int[] errorLocatorLogs) {}
}
