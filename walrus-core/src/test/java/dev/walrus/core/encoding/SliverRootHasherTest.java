package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.Node;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The batch must give each sliver exactly the root {@link ExpandedSliver} computes for it alone. */
class SliverRootHasherTest {

  @ParameterizedTest
  @CsvSource({
      "4, 2, 1", "7, 2, 3", "10, 6, 5", "13, 64, 2", "100, 2, 17", "100, 6, 10", "100, 66, 4",
      "333, 130, 3", "1000, 2, 12", "1000, 6, 33", "1000, 302, 2"})
  void batchRootsEqualOneByOneRoots(int nShards, int symbolSize, int count) {
    EncodingConfig config = EncodingConfig.forShards(nShards);
    SliverRootHasher hasher = new SliverRootHasher(config);
    SplittableRandom random = new SplittableRandom(nShards * 31L + symbolSize * 7L + count);
    for (SliverType type : SliverType.values()) {
      int k = config.sourceSymbols(type);
      byte[][] arrays = new byte[count][];
      int[] offsets = new int[count];
      byte[] expected = new byte[count * Node.LENGTH];
      for (int i = 0; i < count; i++) {
        byte[] data = new byte[k * symbolSize];
        random.nextBytes(data);
        offsets[i] = random.nextInt(5);
        arrays[i] = new byte[offsets[i] + data.length + random.nextInt(5)];
        random.nextBytes(arrays[i]);
        System.arraycopy(data, 0, arrays[i], offsets[i], data.length);
        SliverData sliver = SliverData.of(type, random.nextInt(nShards), symbolSize, data);
        System.arraycopy(ExpandedSliver.of(config, sliver).hash().bytes(), 0, expected, i * Node.LENGTH, Node.LENGTH);
      }
      byte[] roots = new byte[count * Node.LENGTH];
      hasher.roots(type, symbolSize, count, arrays, offsets, roots);
      assertThat(roots).as(type + " roots").isEqualTo(expected);
      // Scratch space is reused: a second, smaller call must not see the first one's leftovers.
      byte[] first = new byte[Node.LENGTH];
      hasher.roots(type, symbolSize, 1, arrays, offsets, first);
      assertThat(first).isEqualTo(Arrays.copyOf(expected, Node.LENGTH));
    }
  }

  @Test
  void refusesBadShapes() {
    SliverRootHasher hasher = new SliverRootHasher(EncodingConfig.forShards(10));
    byte[][] data = {new byte[100]};
    assertThatThrownBy(() -> hasher.roots(SliverType.PRIMARY, 3, 1, data, new int[1], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.roots(SliverType.PRIMARY, 64, 1, data, new int[1], new byte[32]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> hasher.roots(SliverType.PRIMARY, 2, 2, data, new int[2], new byte[64]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
