package dev.walrus.core.internal.vectorization;

/**
 * The GF(2^16) inner loops of the Reed–Solomon codec.
 *
 * <p>All operations work on regions of a {@code byte[]} made of 64-byte blocks in Walrus's block
 * layout: each block holds 32 field elements, low bytes in its first 32 bytes and high bytes in
 * its last 32 (reed-solomon-simd's shard layout). Offsets and lengths are multiples of 64. The two
 * regions of a binary operation never overlap.
 *
 * <p>A multiplier is given by its logarithm ({@code 0 ≤ log < 65535}); callers skip multiplies by
 * the zero twiddle (log 65535) themselves.
 */
public interface GfKernels {

  /** {@code x ^= y}. */
  void xor(byte[] buf, int x, int y, int len);

  /** {@code x ^= y · exp(log)}. */
  void mulAdd(byte[] buf, int x, int y, int len, int log);

  /** {@code x = x · exp(log)}. */
  void mul(byte[] buf, int x, int len, int log);

  /** Decimation-in-time butterfly of the additive FFT: {@code x ^= y · exp(log); y ^= x}. */
  void fftButterfly(byte[] buf, int x, int y, int len, int log);

  /** Butterfly of the inverse transform: {@code y ^= x; x ^= y · exp(log)}. */
  void ifftButterfly(byte[] buf, int x, int y, int len, int log);

  /** A short name for logs and benchmark reports. */
  String name();
}
