package dev.walrus.core.internal.vectorization;

import dev.walrus.core.rs.Gf16;

/** Portable kernels: one logarithm-table multiply per element. Used when the Vector API is absent. */
final class ScalarGfKernels implements GfKernels {

  @Override
  public void xor(byte[] buf, int x, int y, int len) {
    for (int i = 0; i < len; i++) {
      buf[x + i] ^= buf[y + i];
    }
  }

  @Override
  public void mulAdd(byte[] buf, int x, int y, int len, int log) {
    for (int block = 0; block < len; block += 64) {
      int xb = x + block;
      int yb = y + block;
      for (int j = 0; j < 32; j++) {
        int product = Gf16.mulLog(element(buf, yb + j), log);
        buf[xb + j] ^= (byte) product;
        buf[xb + 32 + j] ^= (byte) (product >>> 8);
      }
    }
  }

  @Override
  public void mul(byte[] buf, int x, int len, int log) {
    for (int block = 0; block < len; block += 64) {
      int xb = x + block;
      for (int j = 0; j < 32; j++) {
        int product = Gf16.mulLog(element(buf, xb + j), log);
        buf[xb + j] = (byte) product;
        buf[xb + 32 + j] = (byte) (product >>> 8);
      }
    }
  }

  @Override
  public void fftButterfly(byte[] buf, int x, int y, int len, int log) {
    mulAdd(buf, x, y, len, log);
    xor(buf, y, x, len);
  }

  @Override
  public void ifftButterfly(byte[] buf, int x, int y, int len, int log) {
    xor(buf, y, x, len);
    mulAdd(buf, x, y, len, log);
  }

  @Override
  public String name() {
    return "scalar";
  }

  private static int element(byte[] buf, int lowIndex) {
    return (buf[lowIndex] & 0xFF) | ((buf[lowIndex + 32] & 0xFF) << 8);
  }
}
