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
 */
final class PanamaBlake2bBatch implements Blake2bBatch {
  private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  private static final int LANES = S.length();

  private final long[] m = new long[16 * LANES];
  private final long[] h = new long[8 * LANES];
  private final int[] offsets = new int[LANES];

  @Override
  public void hash(byte prefix, byte[] src, int off, int stride, int count, int len, byte[] out, int outOff) {
    long messageLength = len + 1L;
    int blocks = Blake2bBlocks.blockCount(messageLength);
    for (int first = 0; first < count; first += LANES) {
      int lanes = Math.min(LANES, count - first);
      for (int lane = 0; lane < LANES; lane++) {
        // Idle lanes repeat the last message; their digests are dropped.
        offsets[lane] = off + (first + Math.min(lane, lanes - 1)) * stride;
      }
      hashGroup(prefix, src, len, blocks, messageLength);
      for (int lane = 0; lane < lanes; lane++) {
        int o = outOff + 32 * (first + lane);
        for (int w = 0; w < 4; w++) {
          Blake2bBlocks.writeLong(out, o + 8 * w, h[w * LANES + lane]);
        }
      }
    }
  }

  private void hashGroup(byte prefix, byte[] src, int len, int blocks, long messageLength) {
    LongVector h0 = LongVector.broadcast(S, Blake2bBlocks.IV[0] ^ Blake2bBlocks.PARAM0);
    LongVector h1 = LongVector.broadcast(S, Blake2bBlocks.IV[1]);
    LongVector h2 = LongVector.broadcast(S, Blake2bBlocks.IV[2]);
    LongVector h3 = LongVector.broadcast(S, Blake2bBlocks.IV[3]);
    LongVector h4 = LongVector.broadcast(S, Blake2bBlocks.IV[4]);
    LongVector h5 = LongVector.broadcast(S, Blake2bBlocks.IV[5]);
    LongVector h6 = LongVector.broadcast(S, Blake2bBlocks.IV[6]);
    LongVector h7 = LongVector.broadcast(S, Blake2bBlocks.IV[7]);
    for (int block = 0; block < blocks; block++) {
      for (int lane = 0; lane < LANES; lane++) {
        Blake2bBlocks.loadBlock(prefix, src, offsets[lane], len, block, m, lane, LANES);
      }
      boolean last = block == blocks - 1;
      long counter = last ? messageLength : (long) Blake2bBlocks.BLOCK * (block + 1);
      LongVector v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7;
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
        v0 = v0.add(v4).add(word(m, s[0]));
        v12 = v12.lanewise(XOR, v0).lanewise(ROR, 32);
        v8 = v8.add(v12);
        v4 = v4.lanewise(XOR, v8).lanewise(ROR, 24);
        v0 = v0.add(v4).add(word(m, s[1]));
        v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16);
        v8 = v8.add(v12);
        v4 = v4.lanewise(XOR, v8).lanewise(ROR, 63);
        v1 = v1.add(v5).add(word(m, s[2]));
        v13 = v13.lanewise(XOR, v1).lanewise(ROR, 32);
        v9 = v9.add(v13);
        v5 = v5.lanewise(XOR, v9).lanewise(ROR, 24);
        v1 = v1.add(v5).add(word(m, s[3]));
        v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16);
        v9 = v9.add(v13);
        v5 = v5.lanewise(XOR, v9).lanewise(ROR, 63);
        v2 = v2.add(v6).add(word(m, s[4]));
        v14 = v14.lanewise(XOR, v2).lanewise(ROR, 32);
        v10 = v10.add(v14);
        v6 = v6.lanewise(XOR, v10).lanewise(ROR, 24);
        v2 = v2.add(v6).add(word(m, s[5]));
        v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16);
        v10 = v10.add(v14);
        v6 = v6.lanewise(XOR, v10).lanewise(ROR, 63);
        v3 = v3.add(v7).add(word(m, s[6]));
        v15 = v15.lanewise(XOR, v3).lanewise(ROR, 32);
        v11 = v11.add(v15);
        v7 = v7.lanewise(XOR, v11).lanewise(ROR, 24);
        v3 = v3.add(v7).add(word(m, s[7]));
        v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16);
        v11 = v11.add(v15);
        v7 = v7.lanewise(XOR, v11).lanewise(ROR, 63);
        v0 = v0.add(v5).add(word(m, s[8]));
        v15 = v15.lanewise(XOR, v0).lanewise(ROR, 32);
        v10 = v10.add(v15);
        v5 = v5.lanewise(XOR, v10).lanewise(ROR, 24);
        v0 = v0.add(v5).add(word(m, s[9]));
        v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16);
        v10 = v10.add(v15);
        v5 = v5.lanewise(XOR, v10).lanewise(ROR, 63);
        v1 = v1.add(v6).add(word(m, s[10]));
        v12 = v12.lanewise(XOR, v1).lanewise(ROR, 32);
        v11 = v11.add(v12);
        v6 = v6.lanewise(XOR, v11).lanewise(ROR, 24);
        v1 = v1.add(v6).add(word(m, s[11]));
        v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16);
        v11 = v11.add(v12);
        v6 = v6.lanewise(XOR, v11).lanewise(ROR, 63);
        v2 = v2.add(v7).add(word(m, s[12]));
        v13 = v13.lanewise(XOR, v2).lanewise(ROR, 32);
        v8 = v8.add(v13);
        v7 = v7.lanewise(XOR, v8).lanewise(ROR, 24);
        v2 = v2.add(v7).add(word(m, s[13]));
        v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16);
        v8 = v8.add(v13);
        v7 = v7.lanewise(XOR, v8).lanewise(ROR, 63);
        v3 = v3.add(v4).add(word(m, s[14]));
        v14 = v14.lanewise(XOR, v3).lanewise(ROR, 32);
        v9 = v9.add(v14);
        v4 = v4.lanewise(XOR, v9).lanewise(ROR, 24);
        v3 = v3.add(v4).add(word(m, s[15]));
        v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16);
        v9 = v9.add(v14);
        v4 = v4.lanewise(XOR, v9).lanewise(ROR, 63);
      }
      h0 = h0.lanewise(XOR, v0).lanewise(XOR, v8);
      h1 = h1.lanewise(XOR, v1).lanewise(XOR, v9);
      h2 = h2.lanewise(XOR, v2).lanewise(XOR, v10);
      h3 = h3.lanewise(XOR, v3).lanewise(XOR, v11);
      h4 = h4.lanewise(XOR, v4).lanewise(XOR, v12);
      h5 = h5.lanewise(XOR, v5).lanewise(XOR, v13);
      h6 = h6.lanewise(XOR, v6).lanewise(XOR, v14);
      h7 = h7.lanewise(XOR, v7).lanewise(XOR, v15);
    }
    h0.intoArray(h, 0);
    h1.intoArray(h, LANES);
    h2.intoArray(h, 2 * LANES);
    h3.intoArray(h, 3 * LANES);
  }

  private static LongVector word(long[] m, int index) {
    return LongVector.fromArray(S, m, index * LANES);
  }
}
