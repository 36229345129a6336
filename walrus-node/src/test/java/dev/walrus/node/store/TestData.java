package dev.walrus.node.store;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverPairMetadata;
import dev.walrus.core.hash.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic blob ids, metadata and slivers derived from a number, so a reader can recompute them. */
final class TestData {
  /** The smallest blob id: a scan from here sees everything. */
  static final BlobId FIRST = BlobId.of(new byte[BlobId.LENGTH]);

  private TestData() {}

  static BlobId blobId(long n) {
    byte[] b = new byte[BlobId.LENGTH];
    new SplittableRandom(n * 7919 + 1).nextBytes(b);
    return BlobId.of(b);
  }

  /** A blob id whose first byte is {@code first}, the rest derived from {@code n}. */
  static BlobId blobIdStartingWith(int first, long n) {
    byte[] b = blobId(n).bytes();
    b[0] = (byte) first;
    return BlobId.of(b);
  }

  static BlobMetadata metadata(long n, int nShards) {
    SplittableRandom random = new SplittableRandom(n * 31 + 5);
    List<SliverPairMetadata> hashes = new ArrayList<>();
    for (int i = 0; i < nShards; i++) {
      hashes.add(new SliverPairMetadata(node(random), node(random)));
    }
    return new BlobMetadata(EncodingType.RS2, 1000 + n, hashes);
  }

  static SliverData sliver(SliverType type, int index, int bytes, long seed) {
    byte[] data = new byte[bytes];
    new SplittableRandom(seed).nextBytes(data);
    return SliverData.of(type, index, 2, data);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Node node(SplittableRandom random) {
    byte[] b = new byte[Node.LENGTH];
    random.nextBytes(b);
    return Node.digest(b);
  }
}
