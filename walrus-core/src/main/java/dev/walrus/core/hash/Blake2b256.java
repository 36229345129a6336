package dev.walrus.core.hash;

import dev.walrus.core.internal.vectorization.Blake2bBlocks;
import java.util.Arrays;

/**
 * Unkeyed BLAKE2b with a 32-byte digest (RFC 7693): the hash of Walrus's Merkle trees and blob
 * IDs. Incremental and not thread-safe; {@link #digest(byte[]...)} is the one-shot form.
 *
 * <p>Written here rather than taken from a library because the codec hashes about 4.5 times every
 * blob it encodes; the block function keeps its state in locals so the JIT holds it in registers.
 */
public final class Blake2b256 {
  public static final int DIGEST_LENGTH = 32;
  private static final int BLOCK = Blake2bBlocks.BLOCK;

  private final long[] h = new long[8];
  private final long[] m = new long[16];
  private final byte[] buffer = new byte[BLOCK];
  private int buffered;
  private long counter;

  public Blake2b256() {
    reset();
  }

  /** Hash of the concatenation of {@code parts}. */
  public static byte[] digest(byte[]... parts) {
    Blake2b256 b = new Blake2b256();
    for (byte[] p : parts) {
      b.update(p, 0, p.length);
    }
    return b.digest();
  }

  public Blake2b256 reset() {
    Blake2bBlocks.init(h);
    buffered = 0;
    counter = 0;
    return this;
  }

  public Blake2b256 update(byte b) {
    if (buffered == BLOCK) {
      flushBuffer();
    }
    buffer[buffered++] = b;
    return this;
  }

  public Blake2b256 update(byte[] in) {
    return update(in, 0, in.length);
  }

  public Blake2b256 update(byte[] in, int off, int len) {
    if (len <= 0) {
      return this;
    }
    // The final block is compressed with the last-block flag, so a full buffer waits for more input.
    if (buffered > 0) {
      int take = Math.min(BLOCK - buffered, len);
      System.arraycopy(in, off, buffer, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (len == 0) {
        return this;
      }
      flushBuffer();
    }
    while (len > BLOCK) {
      counter += BLOCK;
      Blake2bBlocks.compress(h, m, in, off, counter, false);
      off += BLOCK;
      len -= BLOCK;
    }
    System.arraycopy(in, off, buffer, 0, len);
    buffered = len;
    return this;
  }

  /** Finishes the hash, writes 32 bytes at {@code out[off]} and resets this instance. */
  public void digestInto(byte[] out, int off) {
    counter += buffered;
    Arrays.fill(buffer, buffered, BLOCK, (byte) 0);
    Blake2bBlocks.compress(h, m, buffer, 0, counter, true);
    Blake2bBlocks.writeDigest(h, out, off);
    reset();
  }

  public byte[] digest() {
    byte[] out = new byte[DIGEST_LENGTH];
    digestInto(out, 0);
    return out;
  }

  private void flushBuffer() {
    counter += BLOCK;
    Blake2bBlocks.compress(h, m, buffer, 0, counter, false);
    buffered = 0;
  }
}
