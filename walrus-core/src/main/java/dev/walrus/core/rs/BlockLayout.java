package dev.walrus.core.rs;

import java.util.Arrays;

/**
 * Converts a symbol's bytes to and from the work layout of the Reed–Solomon code (spec §5.7).
 *
 * <p>A symbol of {@code B} bytes (even) is {@code B div 64} full 64-byte blocks, whose layout is
 * already the work layout (32 low bytes, then 32 high bytes), plus a tail of {@code t = B mod 64}
 * bytes holding {@code t/2} elements: low bytes in its first half, high bytes in its second. In
 * the work layout the tail becomes one more block, zero-padded, so every kernel sees whole blocks.
 * The padding lanes never influence the real ones because every operation is lane-wise.
 */
public final class BlockLayout {
  public static final int BLOCK = 64;

  private BlockLayout() {}

  /** Work-layout blocks a symbol of {@code symbolBytes} bytes occupies. */
  public static int blocks(int symbolBytes) {
    return (symbolBytes + BLOCK - 1) / BLOCK;
  }

  /**
   * Copies work-layout blocks {@code [fromBlock, toBlock)} of a symbol at {@code src[srcOff]} into
   * {@code dst[dstOff]}, converting the tail block.
   */
  public static void toWork(byte[] src, int srcOff, int symbolBytes, int fromBlock, int toBlock, byte[] dst, int dstOff) {
    int full = symbolBytes / BLOCK;
    int fullEnd = Math.min(toBlock, full);
    if (fromBlock < fullEnd) {
      System.arraycopy(src, srcOff + fromBlock * BLOCK, dst, dstOff, (fullEnd - fromBlock) * BLOCK);
    }
    if (toBlock > full && fromBlock <= full) {
      int half = (symbolBytes - full * BLOCK) / 2;
      int tailSrc = srcOff + full * BLOCK;
      int tailDst = dstOff + (full - fromBlock) * BLOCK;
      System.arraycopy(src, tailSrc, dst, tailDst, half);
      Arrays.fill(dst, tailDst + half, tailDst + 32, (byte) 0);
      System.arraycopy(src, tailSrc + half, dst, tailDst + 32, half);
      Arrays.fill(dst, tailDst + 32 + half, tailDst + BLOCK, (byte) 0);
    }
  }

  /** The inverse of {@link #toWork}: writes blocks {@code [fromBlock, toBlock)} back to a symbol. */
  public static void fromWork(byte[] src, int srcOff, int symbolBytes, int fromBlock, int toBlock, byte[] dst, int dstOff) {
    int full = symbolBytes / BLOCK;
    int fullEnd = Math.min(toBlock, full);
    if (fromBlock < fullEnd) {
      System.arraycopy(src, srcOff, dst, dstOff + fromBlock * BLOCK, (fullEnd - fromBlock) * BLOCK);
    }
    if (toBlock > full && fromBlock <= full) {
      int half = (symbolBytes - full * BLOCK) / 2;
      int tailSrc = srcOff + (full - fromBlock) * BLOCK;
      int tailDst = dstOff + full * BLOCK;
      System.arraycopy(src, tailSrc, dst, tailDst, half);
      System.arraycopy(src, tailSrc + 32, dst, tailDst + half, half);
    }
  }
}
