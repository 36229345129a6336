package dev.walrus.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast roots are the tree's roots, with and without runs of zero symbols. */
class MerkleRootsTest {

  @Test
  void rootsEqualTheTreesRootsForRandomAndZeroPaddedLeaves() {
    Random random = new Random(11);
    MerkleRoots roots = new MerkleRoots();
    for (int count : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 31, 100, 333, 1000, 1001}) {
      for (int len : new int[] {2, 4, 6, 302}) {
        for (int pattern = 0; pattern < 4; pattern++) {
          byte[] data = new byte[count * len];
          random.nextBytes(data);
          int from = pattern == 0 ? count : random.nextInt(count + 1);
          int to = pattern == 3 ? count : from + random.nextInt(count - from + 1);
          java.util.Arrays.fill(data, from * len, to * len, (byte) 0);
          byte[] leaves = new byte[(count + 1) * Node.LENGTH];
          Node expected = MerkleTree.ofLeaves(data, 0, len, count, len).root();
          assertThat(roots.root(data, 0, len, count, len, leaves))
              .as("count %d, len %d, zeros %d..%d", count, len, from, to).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void leavesOfTwoByteSymbolsComeFromTheTableAndAreTheHashes() {
    MerkleRoots roots = new MerkleRoots();
    byte[] symbols = {0, 0, 1, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34};
    byte[] out = new byte[5 * Node.LENGTH + 7];
    roots.leafHashes(symbols, 0, 2, 5, 2, out, 7);
    for (int i = 0; i < 5; i++) {
      byte[] expected = MerkleTree.leafHash(new byte[] {symbols[2 * i], symbols[2 * i + 1]});
      assertThat(java.util.Arrays.copyOfRange(out, 7 + i * Node.LENGTH, 7 + (i + 1) * Node.LENGTH)).isEqualTo(expected);
    }
  }

  @Test
  void theZeroRootIsTheRootOfZeroSymbols() {
    for (int count : new int[] {1, 6, 1000}) {
      assertThat(new MerkleRoots().zeroRoot(count, 4))
          .isEqualTo(MerkleTree.ofLeaves(new byte[count * 4], 0, 4, count, 4).root());
    }
  }
}
