package dev.walrus.core.internal.vectorization;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The BLAKE2b-256 block function (RFC 7693) and the message layout shared by the one-message and
 * the batch hashers.
 *
 * <p>Walrus hashes {@code prefix ‖ data} everywhere in its Merkle trees (0x00 for leaves, 0x01 for
 * inner nodes); {@link #loadWord} reads a word of that message straight from {@code data} so no
 * hasher copies the data to prepend the prefix.
 */
public final class Blake2bBlocks {
  public static final int BLOCK = 128;

  static final long[] IV = {
    0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
    0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
  };

  /** Message schedule of the 12 rounds (rounds 10 and 11 repeat 0 and 1). */
  static final byte[][] SIGMA = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}
  };

  /** Parameter block word 0 of an unkeyed hash with a 32-byte digest, fanout 1, depth 1. */
  static final long PARAM0 = 0x01010020L;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Blake2bBlocks() {}

  /** Sets {@code h} to the initial state of BLAKE2b-256. */
  public static void init(long[] h) {
    System.arraycopy(IV, 0, h, 0, 8);
    h[0] ^= PARAM0;
  }

  public static long readLong(byte[] in, int off) {
    return (long) LONG_LE.get(in, off);
  }

  public static void writeLong(byte[] out, int off, long v) {
    LONG_LE.set(out, off, v);
  }

  /** Writes the 32-byte digest held in {@code h} to {@code out[off..off+32)}. */
  public static void writeDigest(long[] h, byte[] out, int off) {
    for (int i = 0; i < 4; i++) {
      LONG_LE.set(out, off + 8 * i, h[i]);
    }
  }

  /** Number of blocks of a message of {@code messageLength} bytes (at least one). */
  public static int blockCount(long messageLength) {
    return messageLength == 0 ? 1 : (int) ((messageLength + BLOCK - 1) / BLOCK);
  }

  /**
   * Word {@code word} of block {@code block} of the message {@code prefix ‖ data[off..off+len)},
   * zero-padded past its end.
   */
  static long loadWord(byte prefix, byte[] data, int off, int len, int block, int word) {
    int first = BLOCK * block + 8 * word - 1; // index in data of the word's first byte
    int start = Math.max(first, 0);
    int end = Math.min(first + 8, len);
    long w = 0;
    for (int q = end - 1; q >= start; q--) {
      w = (w << 8) | (data[off + q] & 0xFFL);
    }
    return first < 0 ? (w << 8) | (prefix & 0xFFL) : w;
  }

  /**
   * Loads block {@code block} of the message {@code prefix ‖ data[off..off+len)} into {@code
   * dst[dstOff + w·dstStride]} for words {@code w = 0..15}, with the fast path for words that lie
   * wholly inside {@code data}.
   */
  static void loadBlock(
      byte prefix, byte[] data, int off, int len, int block, long[] dst, int dstOff, int dstStride) {
    int first = BLOCK * block - 1;
    int w = 0;
    if (block == 0 && off >= 1 && len >= 7) {
      dst[dstOff] = ((long) LONG_LE.get(data, off - 1) & ~0xFFL) | (prefix & 0xFFL);
      w = 1;
    } else if (block == 0 && len >= 8 && off + 8 <= data.length) {
      // A message at the start of its array (a Merkle level's first pair): shift its first 7 bytes in.
      dst[dstOff] = ((long) LONG_LE.get(data, off) << 8) | (prefix & 0xFFL);
      w = 1;
    }
    if (first + w * 8 >= 0) {
      int inside = Math.min(16, (len - first) / 8);
      for (; w < inside; w++) {
        dst[dstOff + w * dstStride] = (long) LONG_LE.get(data, off + first + 8 * w);
      }
    }
    for (; w < 16; w++) {
      // Words wholly past the end are zero padding; at most one word straddles the end, and when
      // the array has room it is read whole and masked (a 64-byte inner node ends one byte into
      // word 8).
      int at = first + 8 * w;
      long word;
      if (at >= len) {
        word = 0;
      } else if (at >= 0 && off + at + 8 <= data.length) {
        word = (long) LONG_LE.get(data, off + at) & (-1L >>> (64 - 8 * (len - at)));
      } else {
        word = loadWord(prefix, data, off, len, block, w);
      }
      dst[dstOff + w * dstStride] = word;
    }
  }

  /** Compresses one block read from {@code in[off..off+128)}. */
  public static void compress(long[] h, long[] m, byte[] in, int off, long counter, boolean last) {
    for (int i = 0; i < 16; i++) {
      m[i] = (long) LONG_LE.get(in, off + 8 * i);
    }
    compress(h, m, counter, last);
  }

  /** Compresses the block held in {@code m}; {@code counter} counts message bytes so far. */
  public static void compress(long[] h, long[] m, long counter, boolean last) {
    long v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
    long v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
    long v12 = IV[4] ^ counter;
    long v13 = IV[5];
    long v14 = last ? ~IV[6] : IV[6];
    long v15 = IV[7];
    for (int round = 0; round < 12; round++) {
      byte[] s = SIGMA[round];
      v0 += v4 + m[s[0]];
      v12 = Long.rotateRight(v12 ^ v0, 32);
      v8 += v12;
      v4 = Long.rotateRight(v4 ^ v8, 24);
      v0 += v4 + m[s[1]];
      v12 = Long.rotateRight(v12 ^ v0, 16);
      v8 += v12;
      v4 = Long.rotateRight(v4 ^ v8, 63);
      v1 += v5 + m[s[2]];
      v13 = Long.rotateRight(v13 ^ v1, 32);
      v9 += v13;
      v5 = Long.rotateRight(v5 ^ v9, 24);
      v1 += v5 + m[s[3]];
      v13 = Long.rotateRight(v13 ^ v1, 16);
      v9 += v13;
      v5 = Long.rotateRight(v5 ^ v9, 63);
      v2 += v6 + m[s[4]];
      v14 = Long.rotateRight(v14 ^ v2, 32);
      v10 += v14;
      v6 = Long.rotateRight(v6 ^ v10, 24);
      v2 += v6 + m[s[5]];
      v14 = Long.rotateRight(v14 ^ v2, 16);
      v10 += v14;
      v6 = Long.rotateRight(v6 ^ v10, 63);
      v3 += v7 + m[s[6]];
      v15 = Long.rotateRight(v15 ^ v3, 32);
      v11 += v15;
      v7 = Long.rotateRight(v7 ^ v11, 24);
      v3 += v7 + m[s[7]];
      v15 = Long.rotateRight(v15 ^ v3, 16);
      v11 += v15;
      v7 = Long.rotateRight(v7 ^ v11, 63);
      v0 += v5 + m[s[8]];
      v15 = Long.rotateRight(v15 ^ v0, 32);
      v10 += v15;
      v5 = Long.rotateRight(v5 ^ v10, 24);
      v0 += v5 + m[s[9]];
      v15 = Long.rotateRight(v15 ^ v0, 16);
      v10 += v15;
      v5 = Long.rotateRight(v5 ^ v10, 63);
      v1 += v6 + m[s[10]];
      v12 = Long.rotateRight(v12 ^ v1, 32);
      v11 += v12;
      v6 = Long.rotateRight(v6 ^ v11, 24);
      v1 += v6 + m[s[11]];
      v12 = Long.rotateRight(v12 ^ v1, 16);
      v11 += v12;
      v6 = Long.rotateRight(v6 ^ v11, 63);
      v2 += v7 + m[s[12]];
      v13 = Long.rotateRight(v13 ^ v2, 32);
      v8 += v13;
      v7 = Long.rotateRight(v7 ^ v8, 24);
      v2 += v7 + m[s[13]];
      v13 = Long.rotateRight(v13 ^ v2, 16);
      v8 += v13;
      v7 = Long.rotateRight(v7 ^ v8, 63);
      v3 += v4 + m[s[14]];
      v14 = Long.rotateRight(v14 ^ v3, 32);
      v9 += v14;
      v4 = Long.rotateRight(v4 ^ v9, 24);
      v3 += v4 + m[s[15]];
      v14 = Long.rotateRight(v14 ^ v3, 16);
      v9 += v14;
      v4 = Long.rotateRight(v4 ^ v9, 63);
    }
    h[0] ^= v0 ^ v8;
    h[1] ^= v1 ^ v9;
    h[2] ^= v2 ^ v10;
    h[3] ^= v3 ^ v11;
    h[4] ^= v4 ^ v12;
    h[5] ^= v5 ^ v13;
    h[6] ^= v6 ^ v14;
    h[7] ^= v7 ^ v15;
  }
}
