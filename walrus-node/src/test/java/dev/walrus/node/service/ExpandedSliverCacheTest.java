package dev.walrus.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.hash.Node;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's byte bound is about real memory, Merkle trees included, so it cannot exhaust the heap. */
class ExpandedSliverCacheTest {
  private static final int N = 1000;

  @Test
  void anExpansionIsChargedForItsMerkleTree() {
    // A tree over n leaves has 2n − 1 nodes; for a small blob it dwarfs the symbols.
    assertThat(ExpandedSliverCache.retainedBytes(N, 2)).isGreaterThanOrEqualTo((2L * N - 1) * Node.LENGTH + 2L * N);
  }

  @Test
  void holdsNoMoreThanItsBoundAndEvictsTheLeastRecentlyUsed() {
    EncodingConfig config = EncodingConfig.forShards(N);
    EncodedBlob encoded = new BlobEncoder(config).encode(new byte[] {7, 7, 7});
    BlobId blobId = encoded.blobId();
    long entry = ExpandedSliverCache.retainedBytes(N, encoded.symbolSize());
    ExpandedSliverCache cache = new ExpandedSliverCache(4 * entry);
    AtomicInteger expansions = new AtomicInteger();
    for (int i = 0; i < 10; i++) {
      int index = i;
      cache.get(blobId, SliverType.PRIMARY, i, N, encoded.symbolSize(), () -> {
        expansions.incrementAndGet();
        return ExpandedSliver.of(config, encoded.primarySliver(index));
      });
      assertThat(cache.bytes()).isLessThanOrEqualTo(4 * entry);
    }
    assertThat(expansions).hasValue(10);
    cache.get(blobId, SliverType.PRIMARY, 9, N, encoded.symbolSize(), () -> {
      throw new AssertionError("the most recent expansion was evicted");
    });
    cache.get(blobId, SliverType.PRIMARY, 0, N, encoded.symbolSize(), () -> {
      expansions.incrementAndGet();
      return ExpandedSliver.of(config, encoded.primarySliver(0));
    });
    assertThat(expansions).hasValue(11);
  }
}
