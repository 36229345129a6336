package dev.walrus.core.quilt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any set of files round-trips, through the whole blob and through each patch's columns alone. */
class QuiltPropertyTest {

  @Test
  void anyFilesRoundTripThroughTheWholeBlob() {
    qt().withExamples(80).forAll(
            integers().between(0, QuiltFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 12),
            integers().between(0, 3000),
            longs().all())
        .checkAssert((nIndex, count, maxSize, seed) -> {
          EncodingConfig config = EncodingConfig.forShards(QuiltFixtures.SHARD_COUNTS[nIndex]);
          int files = Math.min(count, QuiltFormat.maxPatches(config));
          List<QuiltFile> input = QuiltFixtures.randomFiles(new Random(seed), files, maxSize);
          Quilt quilt = new QuiltEncoder(config).encode(input);
          byte[] blob = quilt.bytes();
          assertThat(blob.length).isEqualTo(config.primarySymbols() * config.secondarySymbols() * quilt.symbolSize());
          assertThat(quilt.symbolSize() % 2).isZero();

          Quilt parsed = Quilt.fromBlob(config, blob);
          assertThat(parsed.index()).isEqualTo(quilt.index());
          List<QuiltFile> sorted = input.stream()
              .sorted(Comparator.comparing(QuiltFile::identifier, QuiltIdentifiers.UTF8_ORDER)).toList();
          assertThat(parsed.files()).containsExactlyElementsOf(sorted);
          for (QuiltFile f : input) {
            assertThat(parsed.file(f.identifier())).isEqualTo(f);
          }
          // The index takes 1 to 10 columns; patches follow it and each other without gaps.
          int previousEnd = quilt.index().patches().isEmpty() ? 1 : quilt.index().patches().getFirst().startIndex();
          assertThat(previousEnd).isBetween(1, QuiltFormat.MAX_INDEX_COLUMNS);
          for (QuiltPatch p : quilt.index().patches()) {
            assertThat(p.startIndex()).isEqualTo(previousEnd);
            previousEnd = p.endIndex();
          }
          assertThat(previousEnd).isLessThanOrEqualTo(QuiltFormat.columns(config));
        });
  }

  @Test
  void patchesReadFromTheirColumnsAloneEqualTheInput() {
    qt().withExamples(40).forAll(
            integers().between(0, QuiltFixtures.SHARD_COUNTS.length - 1),
            integers().between(1, 8),
            integers().between(0, 5000),
            longs().all())
        .checkAssert((nIndex, count, maxSize, seed) -> {
          EncodingConfig config = EncodingConfig.forShards(QuiltFixtures.SHARD_COUNTS[nIndex]);
          List<QuiltFile> input = QuiltFixtures.randomFiles(new Random(seed),
              Math.min(count, QuiltFormat.maxPatches(config)), maxSize);
          Quilt quilt = new QuiltEncoder(config).encode(input);
          EncodedBlob encoded = new BlobEncoder(config).encode(quilt.bytes());

          QuiltColumns index = new QuiltColumns(config).add(encoded.secondarySliver(0));
          for (int c = 1; c < index.indexColumns(); c++) {
            index.add(encoded.secondarySliver(c));
          }
          assertThat(index.index()).isEqualTo(quilt.index());
          for (QuiltPatch p : quilt.index().patches()) {
            QuiltColumns own = new QuiltColumns(config);
            for (int c = p.startIndex(); c < p.endIndex(); c++) {
              own.add(encoded.secondarySliver(c));
            }
            QuiltFile expected = input.stream().filter(f -> f.identifier().equals(p.identifier())).findFirst().orElseThrow();
            assertThat(own.patch(p)).isEqualTo(expected);
          }
        });
  }

  @Test
  void corruptedQuiltsFailOnlyWithQuiltExceptions() {
    qt().withExamples(200).forAll(integers().between(0, 40), longs().all())
        .checkAssert((corruptions, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(QuiltFixtures.SHARD_COUNTS[random.nextInt(3)]);
          Quilt quilt = new QuiltEncoder(config).encode(QuiltFixtures.randomFiles(random, 1 + random.nextInt(2), 200));
          byte[] blob = quilt.bytes();
          // Corrupt mostly the index and patch headers, where the structure is.
          int hot = Math.min(blob.length, 4 * quilt.columnSize());
          for (int i = 0; i < corruptions; i++) {
            blob[random.nextInt(random.nextBoolean() ? hot : blob.length)] = (byte) random.nextInt(256);
          }
          try {
            Quilt parsed = Quilt.fromBlob(config, blob);
            for (QuiltPatch p : parsed.index().patches()) {
              try {
                parsed.patch(p);
              } catch (QuiltException expected) {
                // a malformed patch is reported, as it should be
              }
            }
          } catch (QuiltException expected) {
            // a malformed index is reported, as it should be
          }
        });
  }
}
