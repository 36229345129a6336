package dev.walrus.core.internal.vectorization;

/** One message at a time with the scalar block function. */
final class ScalarBlake2bBatch implements Blake2bBatch {
  private final long[] h = new long[8];
  private final long[] m = new long[16];

  @Override
  public void hash(byte prefix, byte[] src, int off, int stride, int count, int len, byte[] out, int outOff) {
    long messageLength = len + 1L;
    int blocks = Blake2bBlocks.blockCount(messageLength);
    for (int i = 0; i < count; i++) {
      int o = off + i * stride;
      Blake2bBlocks.init(h);
      for (int block = 0; block < blocks; block++) {
        Blake2bBlocks.loadBlock(prefix, src, o, len, block, m, 0, 1);
        boolean last = block == blocks - 1;
        long counter = last ? messageLength : (long) Blake2bBlocks.BLOCK * (block + 1);
        Blake2bBlocks.compress(h, m, counter, last);
      }
      Blake2bBlocks.writeDigest(h, out, outOff + 32 * i);
    }
  }
}
