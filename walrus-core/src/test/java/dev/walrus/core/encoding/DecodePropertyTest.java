package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.SliverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blobs decode from any sufficient set of slivers, on both axes, and bad sets are refused. */
class DecodePropertyTest {

  @Test
  void decodesFromRandomSufficientPrimarySubsets() {
    qt().withExamples(40).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 30_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          byte[] blob = CodecFixtures.randomBlob(random, size);
          EncodedBlob encoded = new BlobEncoder(config).encode(blob);
          int n = config.nShards();
          int count = config.primarySymbols() + random.nextInt(n - config.primarySymbols() + 1);
          List<SliverData> slivers =
              CodecFixtures.slivers(encoded, SliverType.PRIMARY, CodecFixtures.randomIndices(random, n, count));
          ConsistencyCheck check = ConsistencyCheck.values()[random.nextInt(3)];
          assertThat(new BlobDecoder(config).decode(encoded.metadata(), slivers, check)).isEqualTo(blob);
        });
  }

  @Test
  void primaryRowsAreTheBlobsRowsFromAnySufficientSubset() {
    qt().withExamples(30).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(1, 30_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          byte[] blob = CodecFixtures.randomBlob(random, size);
          EncodedBlob encoded = new BlobEncoder(config).encode(blob);
          int p = config.primarySymbols();
          List<SliverData> slivers = CodecFixtures.slivers(encoded, SliverType.PRIMARY,
              CodecFixtures.randomIndices(random, config.nShards(), p));
          int first = random.nextInt(p);
          int end = first + 1 + random.nextInt(p - first);
          List<SliverData> rows = new BlobDecoder(config).primaryRows(encoded.metadata(), slivers, first, end, true);
          assertThat(rows).hasSize(end - first);
          for (int i = first; i < end; i++) {
            assertThat(rows.get(i - first)).isEqualTo(encoded.sliver(SliverType.PRIMARY, i));
          }
        });
  }

  @Test
  void aDecodedRowThatTheMetadataDoesNotCommitToIsInconsistent() {
    EncodingConfig config = EncodingConfig.forShards(10);
    EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(new Random(2), 5000));
    EncodedBlob other = new BlobEncoder(config).encode(CodecFixtures.randomBlob(new Random(3), 5000));
    // Slivers of another blob under this blob's metadata decode to rows it does not commit to.
    List<SliverData> foreign = CodecFixtures.slivers(other, SliverType.PRIMARY, List.of(4, 5, 6, 7));
    assertThatThrownBy(() -> new BlobDecoder(config).primaryRows(encoded.metadata(), foreign, 0, 2, true))
        .isInstanceOf(InconsistentBlobException.class);
    assertThat(new BlobDecoder(config).primaryRows(encoded.metadata(), foreign, 0, 2, false)).hasSize(2);
  }

  @Test
  void decodesFromRandomSufficientSecondarySubsets() {
    qt().withExamples(40).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 30_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          byte[] blob = CodecFixtures.randomBlob(random, size);
          EncodedBlob encoded = new BlobEncoder(config).encode(blob);
          int n = config.nShards();
          List<SliverData> slivers = CodecFixtures.slivers(
              encoded, SliverType.SECONDARY, CodecFixtures.randomIndices(random, n, config.secondarySymbols()));
          assertThat(new BlobDecoder(config).decode(encoded.metadata(), slivers, ConsistencyCheck.DEFAULT))
              .isEqualTo(blob);
        });
  }

  @Test
  void decodesLargeSymbolsAtManyShards() {
    Random random = new Random(5);
    EncodingConfig config = EncodingConfig.forShards(100);
    byte[] blob = CodecFixtures.randomBlob(random, 1_500_000); // symbol size 450: full blocks and a tail
    EncodedBlob encoded = new BlobEncoder(config).encode(blob);
    List<Integer> primaries = CodecFixtures.randomIndices(random, 100, config.primarySymbols());
    assertThat(new BlobDecoder(config).decode(
            encoded.metadata(), CodecFixtures.slivers(encoded, SliverType.PRIMARY, primaries), ConsistencyCheck.STRICT))
        .isEqualTo(blob);
    List<Integer> secondaries = CodecFixtures.randomIndices(random, 100, config.secondarySymbols());
    assertThat(new BlobDecoder(config).decode(
            encoded.metadata(), CodecFixtures.slivers(encoded, SliverType.SECONDARY, secondaries), ConsistencyCheck.DEFAULT))
        .isEqualTo(blob);
  }

  @Test
  void refusesTooFewSliversMixedAxesAndWrongShapes() {
    EncodingConfig config = EncodingConfig.forShards(10);
    byte[] blob = CodecFixtures.randomBlob(new Random(1), 5000);
    EncodedBlob encoded = new BlobEncoder(config).encode(blob);
    BlobDecoder decoder = new BlobDecoder(config);
    List<SliverData> tooFew = CodecFixtures.slivers(encoded, SliverType.PRIMARY, List.of(0, 5, 9));
    assertThatThrownBy(() -> decoder.decode(encoded.metadata(), tooFew, ConsistencyCheck.DEFAULT))
        .isInstanceOf(NotEnoughSliversException.class)
        .hasMessageContaining("needs 4 distinct primary slivers, got 3");
    List<SliverData> duplicates = new ArrayList<>(tooFew);
    duplicates.add(encoded.primarySliver(5));
    assertThatThrownBy(() -> decoder.decode(encoded.metadata(), duplicates, ConsistencyCheck.DEFAULT))
        .isInstanceOf(NotEnoughSliversException.class);
    assertThatThrownBy(() -> decoder.decode(encoded.metadata(), List.of(), ConsistencyCheck.DEFAULT))
        .isInstanceOf(NotEnoughSliversException.class);
    List<SliverData> mixed = new ArrayList<>(tooFew);
    mixed.add(encoded.secondarySliver(1));
    assertThatThrownBy(() -> decoder.decode(encoded.metadata(), mixed, ConsistencyCheck.DEFAULT))
        .isInstanceOf(InvalidSliverException.class);
    SliverData shortSliver = SliverData.of(SliverType.PRIMARY, 1, encoded.symbolSize(), new byte[encoded.symbolSize()]);
    List<SliverData> withShort = new ArrayList<>(tooFew);
    withShort.add(shortSliver);
    assertThatThrownBy(() -> decoder.decode(encoded.metadata(), withShort, ConsistencyCheck.DEFAULT))
        .isInstanceOf(InvalidSliverException.class)
        .hasMessageContaining("expected");
    SliverData outOfRange = SliverData.of(SliverType.PRIMARY, 10, encoded.symbolSize(), encoded.primarySliver(0).dataCopy());
    List<SliverData> withOutOfRange = new ArrayList<>(tooFew);
    withOutOfRange.add(outOfRange);
    assertThatThrownBy(() -> decoder.decode(encoded.metadata(), withOutOfRange, ConsistencyCheck.DEFAULT))
        .isInstanceOf(InvalidSliverException.class)
        .hasMessageContaining("out of range");
  }
}
