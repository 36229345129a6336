package dev.walrus.core.rs;

import dev.walrus.core.internal.vectorization.GfKernels;
import dev.walrus.core.internal.vectorization.VectorizationProvider;

/**
 * Runs a Reed–Solomon code over positions of several symbols each, one stripe of blocks at a
 * time so the work buffer stays in the L2 cache whatever the symbol size.
 *
 * <p>Codeword position {@code i} is read from (written to) {@code arrays[i]} at {@code bases[i]},
 * its symbols {@code symbolStride} bytes apart; a {@code null} array means "absent" on input and
 * "not wanted" on output. Instances hold the work buffer and are not thread-safe.
 */
public final class StripedCoder {
  /**
   * Work buffer budget. Larger stripes give each butterfly more lanes to amortise its twiddle
   * tables over; 1 MiB measured best across symbol sizes on a 1 MiB-L2 core (RsKernelBenchmark).
   */
  public static final int WORK_BYTES = 1 << 20;

  private final GfKernels kernels;
  private byte[] work = new byte[0];

  /** A coder using the kernels this JVM chose at start-up. */
  public StripedCoder() {
    this(VectorizationProvider.kernels());
  }

  /** A coder using the given kernels (benchmarks compare scalar and vector code with it). */
  public StripedCoder(GfKernels kernels) {
    this.kernels = kernels;
  }

  /** Stripe width, in blocks, for a code whose work buffer has {@code positions} positions. */
  public static int stripeBlocks(int positions) {
    return Math.max(1, WORK_BYTES / (positions * SymbolLayout.BLOCK));
  }

  /** Splits {@code blocks} into the fewest stripes of at most {@code max} blocks, of equal width. */
  private static int balancedStripe(int blocks, int max) {
    int stripes = (blocks + max - 1) / max;
    return (blocks + stripes - 1) / stripes;
  }

  /** Computes the {@code r} recovery positions of a code from its {@code k} source positions. */
  public void encode(
      ReedSolomonCode code, SymbolLayout layout,
      byte[][] src, int[] srcBases, int srcStride,
      byte[][] dst, int[] dstBases, int dstStride) {
    int positions = code.encodeWorkPositions();
    int stripe = balancedStripe(layout.blocks(), stripeBlocks(positions));
    for (int from = 0; from < layout.blocks(); from += stripe) {
      int to = Math.min(layout.blocks(), from + stripe);
      int stride = (to - from) * SymbolLayout.BLOCK;
      byte[] w = work(positions * stride);
      for (int i = 0; i < code.originals(); i++) {
        layout.gather(src[i], srcBases[i], srcStride, from, to, w, i * stride);
      }
      code.encode(kernels, w, stride);
      for (int j = 0; j < code.recoveries(); j++) {
        if (dst[j] != null) {
          layout.scatter(w, j * stride, from, to, dst[j], dstBases[j], dstStride);
        }
      }
    }
  }

  /**
   * Recovers the wanted codeword positions from the present ones, both indexed by codeword index
   * ({@code 0..k+r-1}).
   */
  public void decode(
      ReedSolomonCode code, ReedSolomonCode.DecodePlan plan, SymbolLayout layout,
      byte[][] src, int[] srcBases, int srcStride,
      byte[][] dst, int[] dstBases, int dstStride) {
    int positions = code.decodeWorkPositions();
    int stripe = stripeBlocks(positions);
    int n = code.originals() + code.recoveries();
    for (int from = 0; from < layout.blocks(); from += stripe) {
      int to = Math.min(layout.blocks(), from + stripe);
      int stride = (to - from) * SymbolLayout.BLOCK;
      byte[] w = work(positions * stride);
      for (int c = 0; c < n; c++) {
        if (src[c] != null) {
          layout.gather(src[c], srcBases[c], srcStride, from, to, w, code.decodePosition(c) * stride);
        }
      }
      code.decode(kernels, w, stride, plan);
      for (int c = 0; c < n; c++) {
        if (dst[c] != null) {
          layout.scatter(w, code.decodePosition(c) * stride, from, to, dst[c], dstBases[c], dstStride);
        }
      }
    }
  }

  private byte[] work(int bytes) {
    if (work.length < bytes) {
      work = new byte[bytes];
    }
    return work;
  }
}
