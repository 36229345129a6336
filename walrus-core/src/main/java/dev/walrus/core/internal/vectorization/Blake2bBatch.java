package dev.walrus.core.internal.vectorization;

/**
 * BLAKE2b-256 over many messages of equal length, each {@code prefix ‖ data}: the shape of every
 * Merkle leaf and inner node Walrus hashes. Instances hold scratch space and are not thread-safe.
 */
public interface Blake2bBatch {

  /**
   * For {@code i < count}, writes BLAKE2b-256({@code prefix ‖ src[off + i·stride, +len)}) to
   * {@code out[outOff + 32·i, +32)}.
   *
   * <p>Output may overlap input in one case only, halving a Merkle level in place: {@code out ==
   * src}, {@code outOff == off == 0}, {@code stride == len == 64}. Implementations read every
   * message before they overwrite it.
   */
  void hash(byte prefix, byte[] src, int off, int stride, int count, int len, byte[] out, int outOff);
}
