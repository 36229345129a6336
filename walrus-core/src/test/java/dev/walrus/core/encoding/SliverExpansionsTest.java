package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.SliverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expanding slivers together gives each one's own expansion: hash, symbols and proofs. */
class SliverExpansionsTest {

  @Test
  void expandingTogetherEqualsExpandingOneByOne() {
    Random random = new Random(9);
    for (int n : new int[] {4, 13, 52, 1000}) {
      EncodingConfig config = EncodingConfig.forShards(n);
      for (int size : new int[] {0, 3000, 200_000}) {
        EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, size));
        for (SliverType type : SliverType.values()) {
          List<SliverData> slivers = new ArrayList<>();
          for (int i = random.nextInt(3); i < n; i += 1 + random.nextInt(Math.max(1, n / 8))) {
            slivers.add(type == SliverType.PRIMARY ? encoded.primarySliver(i) : encoded.secondarySliver(i));
          }
          List<ExpandedSliver> together = SliverExpansions.expandAll(config, slivers);
          assertThat(together).hasSize(slivers.size());
          for (int i = 0; i < slivers.size(); i++) {
            ExpandedSliver alone = ExpandedSliver.of(config, slivers.get(i));
            ExpandedSliver batch = together.get(i);
            assertThat(batch.hash()).isEqualTo(alone.hash());
            assertThat(batch.index()).isEqualTo(alone.index());
            int target = random.nextInt(n);
            assertThat(batch.recoverySymbol(target)).isEqualTo(alone.recoverySymbol(target));
          }
        }
      }
    }
  }

  @Test
  void refusesSliversOfDifferentShapes() {
    EncodingConfig config = EncodingConfig.forShards(10);
    EncodedBlob small = new BlobEncoder(config).encode(new byte[10]);
    EncodedBlob large = new BlobEncoder(config).encode(new byte[10_000]);
    assertThatThrownBy(() -> SliverExpansions.expandAll(config, List.of(small.primarySliver(0), large.primarySliver(1))))
        .isInstanceOf(InvalidSliverException.class);
    assertThatThrownBy(() -> SliverExpansions.expandAll(config, List.of(small.primarySliver(0), small.secondarySliver(1))))
        .isInstanceOf(InvalidSliverException.class);
    assertThat(SliverExpansions.expandAll(config, List.of())).isEmpty();
  }
}
