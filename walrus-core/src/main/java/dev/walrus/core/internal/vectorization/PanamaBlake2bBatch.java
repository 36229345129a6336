package dev.walrus.core.internal.vectorization;

import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Hashes several equal-length messages at once, one message per 64-bit vector lane (8 with
 * AVX-512, 4 with AVX2): the Merkle trees of a blob are millions of independent, equally long
 * leaves and node pairs, so lanes never sit idle. Message words are transposed into a small array
 * so each round loads a whole column of words with one vector load.
 *
 * <p>The block function is a method of its own and calls no helper of its own: C2 runs out of
 * inlining budget in a method this large, and a vector returned from a method that is not inlined
 * is boxed, which makes the whole function eight times slower.
 */
final class PanamaBlake2bBatch implements Blake2bBatch {
  private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  private static final int LANES = S.length();

  /** Where word 0 of the message enters each round: its position in that round's schedule. */
  private static final int[] WORD0_AT = new int[12];

  static {
    for (int round = 0; round < 12; round++) {
      for (int k = 0; k < 16; k++) {
        if (Blake2bBlocks.SIGMA[round][k] == 0) {
          WORD0_AT[round] = k;
        }
      }
    }
  }

  private final long[] m = new long[16 * LANES];
  private final long[] h = new long[8 * LANES];
  private final int[] offsets = new int[LANES];

  @Override
  public void hash(byte prefix, byte[] src, int off, int stride, int count, int len, byte[] out, int outOff) {
    long messageLength = len + 1L;
    if (messageLength <= 8) {
      hashOneWord(prefix, src, off, stride, count, len, out, outOff);
      return;
    }
    int blocks = Blake2bBlocks.blockCount(messageLength);
    for (int first = 0; first < count; first += LANES) {
      int lanes = Math.min(LANES, count - first);
      for (int lane = 0; lane < LANES; lane++) {
        // Idle lanes repeat the last message; their digests are dropped.
        offsets[lane] = off + (first + Math.min(lane, lanes - 1)) * stride;
      }
      for (int w = 0; w < 8; w++) {
        long iv = Blake2bBlocks.IV[w] ^ (w == 0 ? Blake2bBlocks.PARAM0 : 0);
        java.util.Arrays.fill(h, w * LANES, (w + 1) * LANES, iv);
      }
      for (int block = 0; block < blocks; block++) {
        for (int lane = 0; lane < LANES; lane++) {
          Blake2bBlocks.loadBlock(prefix, src, offsets[lane], len, block, m, lane, LANES);
        }
        boolean last = block == blocks - 1;
        compress(h, m, last ? messageLength : (long) Blake2bBlocks.BLOCK * (block + 1), last);
      }
      for (int lane = 0; lane < lanes; lane++) {
        int o = outOff + 32 * (first + lane);
        for (int w = 0; w < 4; w++) {
          Blake2bBlocks.writeLong(out, o + 8 * w, h[w * LANES + lane]);
        }
      }
    }
  }

  /** {@link #hash} for messages of at most 8 bytes ({@code prefix ‖ data} in word 0, the rest zero). */
  private void hashOneWord(byte prefix, byte[] src, int off, int stride, int count, int len, byte[] out, int outOff) {
    long keep = len == 7 ? -1L : (1L << (8 * (len + 1))) - 1;
    for (int first = 0; first < count; first += LANES) {
      int lanes = Math.min(LANES, count - first);
      for (int lane = 0; lane < LANES; lane++) {
        int at = off + (first + Math.min(lane, lanes - 1)) * stride;
        long word;
        if (at >= 1 && at + 7 <= src.length) {
          word = ((Blake2bBlocks.readLong(src, at - 1) & ~0xFFL) | (prefix & 0xFFL)) & keep;
        } else {
          word = Blake2bBlocks.loadWord(prefix, src, at, len, 0, 0);
        }
        m[lane] = word;
      }
      for (int w = 0; w < 8; w++) {
        long iv = Blake2bBlocks.IV[w] ^ (w == 0 ? Blake2bBlocks.PARAM0 : 0);
        java.util.Arrays.fill(h, w * LANES, (w + 1) * LANES, iv);
      }
      compressWord0(h, m, len + 1L);
      for (int lane = 0; lane < lanes; lane++) {
        int o = outOff + 32 * (first + lane);
        for (int w = 0; w < 4; w++) {
          Blake2bBlocks.writeLong(out, o + 8 * w, h[w * LANES + lane]);
        }
      }
    }
  }

  private static void compress(long[] h, long[] m, long counter, boolean last) {
    LongVector v0 = LongVector.fromArray(S, h, 0);
    LongVector v1 = LongVector.fromArray(S, h, LANES);
    LongVector v2 = LongVector.fromArray(S, h, 2 * LANES);
    LongVector v3 = LongVector.fromArray(S, h, 3 * LANES);
    LongVector v4 = LongVector.fromArray(S, h, 4 * LANES);
    LongVector v5 = LongVector.fromArray(S, h, 5 * LANES);
    LongVector v6 = LongVector.fromArray(S, h, 6 * LANES);
    LongVector v7 = LongVector.fromArray(S, h, 7 * LANES);
    LongVector v8 = LongVector.broadcast(S, Blake2bBlocks.IV[0]);
    LongVector v9 = LongVector.broadcast(S, Blake2bBlocks.IV[1]);
    LongVector v10 = LongVector.broadcast(S, Blake2bBlocks.IV[2]);
    LongVector v11 = LongVector.broadcast(S, Blake2bBlocks.IV[3]);
    LongVector v12 = LongVector.broadcast(S, Blake2bBlocks.IV[4] ^ counter);
    LongVector v13 = LongVector.broadcast(S, Blake2bBlocks.IV[5]);
    LongVector v14 = LongVector.broadcast(S, last ? ~Blake2bBlocks.IV[6] : Blake2bBlocks.IV[6]);
    LongVector v15 = LongVector.broadcast(S, Blake2bBlocks.IV[7]);
    for (int round = 0; round < 12; round++) {
      byte[] s = Blake2bBlocks.SIGMA[round];
      v0 = v0.add(v4).add(LongVector.fromArray(S, m, s[0] * LANES));
      v12 = v12.lanewise(XOR, v0).lanewise(ROR, 32);
      v8 = v8.add(v12);
      v4 = v4.lanewise(XOR, v8).lanewise(ROR, 24);
      v0 = v0.add(v4).add(LongVector.fromArray(S, m, s[1] * LANES));
      v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16);
      v8 = v8.add(v12);
      v4 = v4.lanewise(XOR, v8).lanewise(ROR, 63);
      v1 = v1.add(v5).add(LongVector.fromArray(S, m, s[2] * LANES));
      v13 = v13.lanewise(XOR, v1).lanewise(ROR, 32);
      v9 = v9.add(v13);
      v5 = v5.lanewise(XOR, v9).lanewise(ROR, 24);
      v1 = v1.add(v5).add(LongVector.fromArray(S, m, s[3] * LANES));
      v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16);
      v9 = v9.add(v13);
      v5 = v5.lanewise(XOR, v9).lanewise(ROR, 63);
      v2 = v2.add(v6).add(LongVector.fromArray(S, m, s[4] * LANES));
      v14 = v14.lanewise(XOR, v2).lanewise(ROR, 32);
      v10 = v10.add(v14);
      v6 = v6.lanewise(XOR, v10).lanewise(ROR, 24);
      v2 = v2.add(v6).add(LongVector.fromArray(S, m, s[5] * LANES));
      v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16);
      v10 = v10.add(v14);
      v6 = v6.lanewise(XOR, v10).lanewise(ROR, 63);
      v3 = v3.add(v7).add(LongVector.fromArray(S, m, s[6] * LANES));
      v15 = v15.lanewise(XOR, v3).lanewise(ROR, 32);
      v11 = v11.add(v15);
      v7 = v7.lanewise(XOR, v11).lanewise(ROR, 24);
      v3 = v3.add(v7).add(LongVector.fromArray(S, m, s[7] * LANES));
      v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16);
      v11 = v11.add(v15);
      v7 = v7.lanewise(XOR, v11).lanewise(ROR, 63);
      v0 = v0.add(v5).add(LongVector.fromArray(S, m, s[8] * LANES));
      v15 = v15.lanewise(XOR, v0).lanewise(ROR, 32);
      v10 = v10.add(v15);
      v5 = v5.lanewise(XOR, v10).lanewise(ROR, 24);
      v0 = v0.add(v5).add(LongVector.fromArray(S, m, s[9] * LANES));
      v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16);
      v10 = v10.add(v15);
      v5 = v5.lanewise(XOR, v10).lanewise(ROR, 63);
      v1 = v1.add(v6).add(LongVector.fromArray(S, m, s[10] * LANES));
      v12 = v12.lanewise(XOR, v1).lanewise(ROR, 32);
      v11 = v11.add(v12);
      v6 = v6.lanewise(XOR, v11).lanewise(ROR, 24);
      v1 = v1.add(v6).add(LongVector.fromArray(S, m, s[11] * LANES));
      v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16);
      v11 = v11.add(v12);
      v6 = v6.lanewise(XOR, v11).lanewise(ROR, 63);
      v2 = v2.add(v7).add(LongVector.fromArray(S, m, s[12] * LANES));
      v13 = v13.lanewise(XOR, v2).lanewise(ROR, 32);
      v8 = v8.add(v13);
      v7 = v7.lanewise(XOR, v8).lanewise(ROR, 24);
      v2 = v2.add(v7).add(LongVector.fromArray(S, m, s[13] * LANES));
      v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16);
      v8 = v8.add(v13);
      v7 = v7.lanewise(XOR, v8).lanewise(ROR, 63);
      v3 = v3.add(v4).add(LongVector.fromArray(S, m, s[14] * LANES));
      v14 = v14.lanewise(XOR, v3).lanewise(ROR, 32);
      v9 = v9.add(v14);
      v4 = v4.lanewise(XOR, v9).lanewise(ROR, 24);
      v3 = v3.add(v4).add(LongVector.fromArray(S, m, s[15] * LANES));
      v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16);
      v9 = v9.add(v14);
      v4 = v4.lanewise(XOR, v9).lanewise(ROR, 63);
    }
    LongVector.fromArray(S, h, 0).lanewise(XOR, v0).lanewise(XOR, v8).intoArray(h, 0);
    LongVector.fromArray(S, h, LANES).lanewise(XOR, v1).lanewise(XOR, v9).intoArray(h, LANES);
    LongVector.fromArray(S, h, 2 * LANES).lanewise(XOR, v2).lanewise(XOR, v10).intoArray(h, 2 * LANES);
    LongVector.fromArray(S, h, 3 * LANES).lanewise(XOR, v3).lanewise(XOR, v11).intoArray(h, 3 * LANES);
    LongVector.fromArray(S, h, 4 * LANES).lanewise(XOR, v4).lanewise(XOR, v12).intoArray(h, 4 * LANES);
    LongVector.fromArray(S, h, 5 * LANES).lanewise(XOR, v5).lanewise(XOR, v13).intoArray(h, 5 * LANES);
    LongVector.fromArray(S, h, 6 * LANES).lanewise(XOR, v6).lanewise(XOR, v14).intoArray(h, 6 * LANES);
    LongVector.fromArray(S, h, 7 * LANES).lanewise(XOR, v7).lanewise(XOR, v15).intoArray(h, 7 * LANES);
  }

  /**
   * The block function for the last (only) block of a message of at most 8 bytes: message words
   * 1 to 15 are zero, so each round adds word 0 at the one place its schedule puts it and skips
   * the other fifteen loads. Merkle leaves of small blobs (2- to 7-byte symbols) are all such.
   */
  private static void compressWord0(long[] h, long[] m, long counter) {
    LongVector m0 = LongVector.fromArray(S, m, 0);
    LongVector v0 = LongVector.fromArray(S, h, 0);
    LongVector v1 = LongVector.fromArray(S, h, LANES);
    LongVector v2 = LongVector.fromArray(S, h, 2 * LANES);
    LongVector v3 = LongVector.fromArray(S, h, 3 * LANES);
    LongVector v4 = LongVector.fromArray(S, h, 4 * LANES);
    LongVector v5 = LongVector.fromArray(S, h, 5 * LANES);
    LongVector v6 = LongVector.fromArray(S, h, 6 * LANES);
    LongVector v7 = LongVector.fromArray(S, h, 7 * LANES);
    LongVector v8 = LongVector.broadcast(S, Blake2bBlocks.IV[0]);
    LongVector v9 = LongVector.broadcast(S, Blake2bBlocks.IV[1]);
    LongVector v10 = LongVector.broadcast(S, Blake2bBlocks.IV[2]);
    LongVector v11 = LongVector.broadcast(S, Blake2bBlocks.IV[3]);
    LongVector v12 = LongVector.broadcast(S, Blake2bBlocks.IV[4] ^ counter);
    LongVector v13 = LongVector.broadcast(S, Blake2bBlocks.IV[5]);
    LongVector v14 = LongVector.broadcast(S, ~Blake2bBlocks.IV[6]);
    LongVector v15 = LongVector.broadcast(S, Blake2bBlocks.IV[7]);
    for (int round = 0; round < 12; round++) {
      int p = WORD0_AT[round];
      v0 = v0.add(v4);
      if (p == 0) {
        v0 = v0.add(m0);
      }
      v12 = v12.lanewise(XOR, v0).lanewise(ROR, 32);
      v8 = v8.add(v12);
      v4 = v4.lanewise(XOR, v8).lanewise(ROR, 24);
      v0 = v0.add(v4);
      if (p == 1) {
        v0 = v0.add(m0);
      }
      v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16);
      v8 = v8.add(v12);
      v4 = v4.lanewise(XOR, v8).lanewise(ROR, 63);
      v1 = v1.add(v5);
      if (p == 2) {
        v1 = v1.add(m0);
      }
      v13 = v13.lanewise(XOR, v1).lanewise(ROR, 32);
      v9 = v9.add(v13);
      v5 = v5.lanewise(XOR, v9).lanewise(ROR, 24);
      v1 = v1.add(v5);
      if (p == 3) {
        v1 = v1.add(m0);
      }
      v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16);
      v9 = v9.add(v13);
      v5 = v5.lanewise(XOR, v9).lanewise(ROR, 63);
      v2 = v2.add(v6);
      if (p == 4) {
        v2 = v2.add(m0);
      }
      v14 = v14.lanewise(XOR, v2).lanewise(ROR, 32);
      v10 = v10.add(v14);
      v6 = v6.lanewise(XOR, v10).lanewise(ROR, 24);
      v2 = v2.add(v6);
      if (p == 5) {
        v2 = v2.add(m0);
      }
      v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16);
      v10 = v10.add(v14);
      v6 = v6.lanewise(XOR, v10).lanewise(ROR, 63);
      v3 = v3.add(v7);
      if (p == 6) {
        v3 = v3.add(m0);
      }
      v15 = v15.lanewise(XOR, v3).lanewise(ROR, 32);
      v11 = v11.add(v15);
      v7 = v7.lanewise(XOR, v11).lanewise(ROR, 24);
      v3 = v3.add(v7);
      if (p == 7) {
        v3 = v3.add(m0);
      }
      v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16);
      v11 = v11.add(v15);
      v7 = v7.lanewise(XOR, v11).lanewise(ROR, 63);
      v0 = v0.add(v5);
      if (p == 8) {
        v0 = v0.add(m0);
      }
      v15 = v15.lanewise(XOR, v0).lanewise(ROR, 32);
      v10 = v10.add(v15);
      v5 = v5.lanewise(XOR, v10).lanewise(ROR, 24);
      v0 = v0.add(v5);
      if (p == 9) {
        v0 = v0.add(m0);
      }
      v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16);
      v10 = v10.add(v15);
      v5 = v5.lanewise(XOR, v10).lanewise(ROR, 63);
      v1 = v1.add(v6);
      if (p == 10) {
        v1 = v1.add(m0);
      }
      v12 = v12.lanewise(XOR, v1).lanewise(ROR, 32);
      v11 = v11.add(v12);
      v6 = v6.lanewise(XOR, v11).lanewise(ROR, 24);
      v1 = v1.add(v6);
      if (p == 11) {
        v1 = v1.add(m0);
      }
      v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16);
      v11 = v11.add(v12);
      v6 = v6.lanewise(XOR, v11).lanewise(ROR, 63);
      v2 = v2.add(v7);
      if (p == 12) {
        v2 = v2.add(m0);
      }
      v13 = v13.lanewise(XOR, v2).lanewise(ROR, 32);
      v8 = v8.add(v13);
      v7 = v7.lanewise(XOR, v8).lanewise(ROR, 24);
      v2 = v2.add(v7);
      if (p == 13) {
        v2 = v2.add(m0);
      }
      v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16);
      v8 = v8.add(v13);
      v7 = v7.lanewise(XOR, v8).lanewise(ROR, 63);
      v3 = v3.add(v4);
      if (p == 14) {
        v3 = v3.add(m0);
      }
      v14 = v14.lanewise(XOR, v3).lanewise(ROR, 32);
      v9 = v9.add(v14);
      v4 = v4.lanewise(XOR, v9).lanewise(ROR, 24);
      v3 = v3.add(v4);
      if (p == 15) {
        v3 = v3.add(m0);
      }
      v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16);
      v9 = v9.add(v14);
      v4 = v4.lanewise(XOR, v9).lanewise(ROR, 63);
    }
    LongVector.fromArray(S, h, 0).lanewise(XOR, v0).lanewise(XOR, v8).intoArray(h, 0);
    LongVector.fromArray(S, h, LANES).lanewise(XOR, v1).lanewise(XOR, v9).intoArray(h, LANES);
    LongVector.fromArray(S, h, 2 * LANES).lanewise(XOR, v2).lanewise(XOR, v10).intoArray(h, 2 * LANES);
    LongVector.fromArray(S, h, 3 * LANES).lanewise(XOR, v3).lanewise(XOR, v11).intoArray(h, 3 * LANES);
    LongVector.fromArray(S, h, 4 * LANES).lanewise(XOR, v4).lanewise(XOR, v12).intoArray(h, 4 * LANES);
    LongVector.fromArray(S, h, 5 * LANES).lanewise(XOR, v5).lanewise(XOR, v13).intoArray(h, 5 * LANES);
    LongVector.fromArray(S, h, 6 * LANES).lanewise(XOR, v6).lanewise(XOR, v14).intoArray(h, 6 * LANES);
    LongVector.fromArray(S, h, 7 * LANES).lanewise(XOR, v7).lanewise(XOR, v15).intoArray(h, 7 * LANES);
  }
}
