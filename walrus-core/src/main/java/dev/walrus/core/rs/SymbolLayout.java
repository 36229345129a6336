package dev.walrus.core.rs;

import java.util.Arrays;

/**
 * How {@code m} symbols of {@code symbolBytes} bytes each become one work position of the
 * Reed–Solomon code, and back (spec §5.7).
 *
 * <p>A symbol is {@code symbolBytes div 64} full blocks, already in the work layout (32 low bytes,
 * 32 high bytes), and a tail of {@code h = (symbolBytes mod 64) / 2} elements, low bytes in its
 * first half and high bytes in its second. A position made of {@code m} symbols is their full
 * blocks in order, then their tails packed {@code floor(32 / h)} to a block. Packing matters for
 * small symbols: at n = 1000 every blob up to 1 MiB has symbols of 2 to 6 bytes, and one block
 * per symbol would leave 31 of every 32 lanes idle. Every operation of the code is lane-wise, so
 * any assignment of elements to lanes works as long as it is the same for all positions.
 *
 * <p>Symbol {@code j} of a position is read from {@code src[base + j·symbolStride]}, so the same
 * layout serves a row of consecutive symbols and a column of symbols one row apart.
 */
public final class SymbolLayout {
  public static final int BLOCK = 64;

  private final int symbolBytes;
  private final int symbols;
  private final int fullBlocks;
  private final int tailElements;
  private final int tailsPerBlock;
  private final int blocks;

  public SymbolLayout(int symbolBytes, int symbols) {
    if (symbolBytes <= 0 || (symbolBytes & 1) != 0 || symbols <= 0) {
      throw new IllegalArgumentException(
          "symbols must have a positive even size, got " + symbols + " of " + symbolBytes + " bytes");
    }
    this.symbolBytes = symbolBytes;
    this.symbols = symbols;
    this.fullBlocks = symbolBytes / BLOCK;
    this.tailElements = (symbolBytes % BLOCK) / 2;
    this.tailsPerBlock = tailElements == 0 ? 0 : 32 / tailElements;
    int tailBlocks = tailElements == 0 ? 0 : (symbols + tailsPerBlock - 1) / tailsPerBlock;
    this.blocks = symbols * fullBlocks + tailBlocks;
  }

  /** Blocks of one work position. */
  public int blocks() {
    return blocks;
  }

  public int symbols() {
    return symbols;
  }

  public int symbolBytes() {
    return symbolBytes;
  }

  /**
   * Writes blocks {@code [from, to)} of the position whose symbols are at {@code src[base +
   * j·symbolStride]} into {@code dst[dstOff..)}.
   */
  public void gather(byte[] src, int base, int symbolStride, int from, int to, byte[] dst, int dstOff) {
    transfer(src, base, symbolStride, from, to, dst, dstOff, true);
  }

  /** The inverse of {@link #gather}: writes blocks {@code [from, to)} back to the symbols. */
  public void scatter(byte[] work, int workOff, int from, int to, byte[] dst, int base, int symbolStride) {
    transfer(dst, base, symbolStride, from, to, work, workOff, false);
  }

  private void transfer(
      byte[] sym, int base, int symbolStride, int from, int to, byte[] work, int workOff, boolean toWork) {
    int fullEnd = symbols * fullBlocks;
    // Full blocks: runs of consecutive blocks of one symbol are contiguous on both sides.
    int b = from;
    while (b < Math.min(to, fullEnd)) {
      int j = b / fullBlocks;
      int q = b - j * fullBlocks;
      int run = Math.min(fullBlocks - q, Math.min(to, fullEnd) - b);
      int symOff = base + j * symbolStride + q * BLOCK;
      int workAt = workOff + (b - from) * BLOCK;
      if (toWork) {
        System.arraycopy(sym, symOff, work, workAt, run * BLOCK);
      } else {
        System.arraycopy(work, workAt, sym, symOff, run * BLOCK);
      }
      b += run;
    }
    // Packed tail blocks.
    for (b = Math.max(from, fullEnd); b < to; b++) {
      int workAt = workOff + (b - from) * BLOCK;
      int first = (b - fullEnd) * tailsPerBlock;
      int last = Math.min(symbols, first + tailsPerBlock);
      if (toWork) {
        Arrays.fill(work, workAt, workAt + BLOCK, (byte) 0);
      }
      if (tailElements == 1) {
        // 2-byte symbols (every blob up to 445 KB at n = 1000): byte moves, not two copies each.
        int at = base + (first * symbolStride) + fullBlocks * BLOCK;
        for (int j = first, lane = workAt; j < last; j++, lane++, at += symbolStride) {
          if (toWork) {
            work[lane] = sym[at];
            work[lane + 32] = sym[at + 1];
          } else {
            sym[at] = work[lane];
            sym[at + 1] = work[lane + 32];
          }
        }
        continue;
      }
      for (int j = first; j < last; j++) {
        int tail = base + j * symbolStride + fullBlocks * BLOCK;
        int lane = workAt + (j - first) * tailElements;
        if (toWork) {
          System.arraycopy(sym, tail, work, lane, tailElements);
          System.arraycopy(sym, tail + tailElements, work, lane + 32, tailElements);
        } else {
          System.arraycopy(work, lane, sym, tail, tailElements);
          System.arraycopy(work, lane + 32, sym, tail + tailElements, tailElements);
        }
      }
    }
  }
}
