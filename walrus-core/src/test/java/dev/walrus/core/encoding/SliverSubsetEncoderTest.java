package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.SliverSubsetEncoder.HashedSliver;
import dev.walrus.core.hash.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The subset encoder gives exactly the encoder's slivers and the metadata's hashes for them. */
class SliverSubsetEncoderTest {

  @Test
  void chosenSliversAndHashesAreTheEncodersForRandomBlobsAndSubsets() {
    qt().withExamples(80).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 60_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          int n = config.nShards();
          // Sizes that end inside a row, on a row boundary and that fill every source row all occur.
          byte[] blob = CodecFixtures.randomBlob(random, random.nextInt(3) == 0 ? size % 200 : size);
          EncodedBlob encoded = new BlobEncoder(config).encode(blob);
          List<Integer> primary = CodecFixtures.randomIndices(random, n, random.nextInt(n + 1));
          List<Integer> secondary = CodecFixtures.randomIndices(random, n, random.nextInt(n + 1));
          AtomicInteger checkpoints = new AtomicInteger();
          List<HashedSliver> out = new SliverSubsetEncoder(config).encode(blob, primary, secondary,
              checkpoints::incrementAndGet);
          assertThat(out).hasSize(primary.size() + secondary.size());
          BlobMetadata metadata = encoded.metadata().metadata();
          List<Integer> expectedOrder = new ArrayList<>(primary.stream().sorted().toList());
          expectedOrder.addAll(secondary.stream().sorted().toList());
          for (int i = 0; i < out.size(); i++) {
            HashedSliver h = out.get(i);
            boolean isPrimary = i < primary.size();
            int index = expectedOrder.get(i);
            SliverData expected = isPrimary ? encoded.primarySliver(index) : encoded.secondarySliver(index);
            assertThat(h.sliver()).isEqualTo(expected);
            assertThat(h.matches(metadata)).as("%s hash matches the metadata", expected).isTrue();
          }
          if (!out.isEmpty()) {
            assertThat(checkpoints.get()).isPositive();
          }
        });
  }

  @Test
  void aSmallBlobAtAThousandShardsMatchesTheEncoder() {
    EncodingConfig config = EncodingConfig.forShards(1000);
    byte[] blob = CodecFixtures.randomBlob(new Random(5), 4096);
    EncodedBlob encoded = new BlobEncoder(config).encode(blob);
    List<Integer> indices = List.of(0, 3, 4, 100, 333, 334, 500, 666, 667, 999);
    List<HashedSliver> out = new SliverSubsetEncoder(config).encode(blob, indices, indices, () -> { });
    for (HashedSliver h : out) {
      assertThat(h.matches(encoded.metadata().metadata())).as("%s", h.sliver()).isTrue();
    }
  }

  @Test
  void decodesFromAsManyRowsAsTheBlobHasDataRowsAnyOfThem() {
    qt().withExamples(60).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 30_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          int n = config.nShards();
          byte[] blob = CodecFixtures.randomBlob(random, random.nextBoolean() ? size % 500 : size);
          EncodedBlob encoded = new BlobEncoder(config).encode(blob);
          int ss = config.symbolSize(blob.length);
          int rowBytes = config.secondarySymbols() * ss;
          int dataRows = (int) Math.min(config.primarySymbols(), ((long) blob.length + rowBytes - 1) / rowBytes);
          List<Integer> usable = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            if (i < dataRows || i >= config.primarySymbols()) {
              usable.add(i);
            }
          }
          java.util.Collections.shuffle(usable, random);
          List<SliverData> rows = new ArrayList<>();
          for (int i : usable.subList(0, dataRows)) {
            rows.add(encoded.primarySliver(i));
          }
          SliverSubsetEncoder encoder = new SliverSubsetEncoder(config);
          assertThat(encoder.decodeWithPadding(blob.length, rows)).isEqualTo(blob);
          if (dataRows > 0) {
            assertThatThrownBy(() -> encoder.decodeWithPadding(blob.length, rows.subList(1, rows.size())))
                .isInstanceOf(NotEnoughSliversException.class);
          }
        });
  }

  @Test
  void hashesAreThoseTheVerifierComputes() {
    Random random = new Random(3);
    for (int n : new int[] {4, 10, 31, 100}) {
      EncodingConfig config = EncodingConfig.forShards(n);
      for (int size : new int[] {0, 1, 777, 30_000}) {
        EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, size));
        List<SliverData> slivers = new ArrayList<>();
        for (int i = 0; i < n; i += 3) {
          slivers.add(encoded.secondarySliver(i));
          slivers.add(encoded.primarySliver(i));
        }
        slivers.add(CodecFixtures.tampered(encoded.primarySliver(1), 5));
        List<Node> hashes = new SliverSubsetEncoder(config).hashes(slivers);
        for (int i = 0; i < slivers.size(); i++) {
          assertThat(hashes.get(i)).isEqualTo(ExpandedSliver.of(config, slivers.get(i)).hash());
        }
        BlobMetadata metadata = encoded.metadata().metadata();
        assertThat(hashes.getLast()).isNotEqualTo(metadata.hashes().get(1).primaryHash());
      }
    }
  }

  @Test
  void refusesIndicesOutOfRangeAndSliversOfAnotherShape() {
    EncodingConfig config = EncodingConfig.forShards(10);
    SliverSubsetEncoder encoder = new SliverSubsetEncoder(config);
    assertThatThrownBy(() -> encoder.encode(new byte[100], List.of(10), List.of(), () -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    EncodedBlob small = new BlobEncoder(config).encode(new byte[100]);
    EncodedBlob large = new BlobEncoder(config).encode(new byte[10_000]);
    assertThatThrownBy(() -> encoder.hashes(List.of(small.primarySliver(0), large.primarySliver(1))))
        .isInstanceOf(InvalidSliverException.class);
    assertThat(SliverType.values()).hasSize(2);
  }
}
