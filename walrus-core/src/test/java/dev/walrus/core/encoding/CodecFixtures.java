package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared helpers for the codec's property tests. */
final class CodecFixtures {
  /** Shard counts covering both primary-code rates (high at 4–9, 13, 25; low at 10, 16, 31, 52). */
  static final int[] SHARD_COUNTS = {4, 5, 7, 10, 13, 16, 25, 31, 52};

  private CodecFixtures() {}

  static byte[] randomBlob(Random random, int size) {
    byte[] blob = new byte[size];
    random.nextBytes(blob);
    return blob;
  }

  /** {@code count} distinct indices from {@code 0..n-1}, in random order. */
  static List<Integer> randomIndices(Random random, int n, int count) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    java.util.Collections.shuffle(all, random);
    return new ArrayList<>(all.subList(0, count));
  }

  static List<SliverData> slivers(EncodedBlob encoded, SliverType type, List<Integer> indices) {
    List<SliverData> out = new ArrayList<>();
    for (int i : indices) {
      out.add(type == SliverType.PRIMARY ? encoded.primarySliver(i) : encoded.secondarySliver(i));
    }
    return out;
  }

  /** A copy of {@code sliver} with one byte flipped. */
  static SliverData tampered(SliverData sliver, int byteIndex) {
    byte[] data = sliver.dataCopy();
    data[byteIndex % data.length] ^= 0x5A;
    return SliverData.of(sliver.type(), sliver.index(), sliver.symbolSize(), data);
  }
}
