package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.hash.MerkleProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Slivers rebuild from any sufficient set of proven symbols; lying symbols are ignored. */
class RecoveryPropertyTest {

  @Test
  void recoversFromRandomSymbolSetsDespiteLiars() {
    qt().withExamples(60).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 20_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, size));
          int n = config.nShards();
          SliverType targetType = random.nextBoolean() ? SliverType.PRIMARY : SliverType.SECONDARY;
          int target = random.nextInt(n);
          SliverRecovery recovery = new SliverRecovery(config);
          int k = recovery.symbolsNeeded(targetType);
          List<RecoverySymbol> symbols = new ArrayList<>();
          for (int source : CodecFixtures.randomIndices(random, n, k + random.nextInt(n - k + 1))) {
            RecoverySymbol symbol = sourceExpansion(config, encoded, targetType, source).recoverySymbol(target);
            if (random.nextInt(4) == 0) {
              symbols.add(lie(symbol, random)); // a lying node; its honest symbol follows
            }
            symbols.add(symbol);
          }
          SliverData expected = targetType == SliverType.PRIMARY ? encoded.primarySliver(target) : encoded.secondarySliver(target);
          assertThat(recovery.recover(encoded.metadata().metadata(), targetType, target, symbols)).isEqualTo(expected);
          List<DecodingSymbol> unproven = symbols.stream().map(RecoverySymbol::symbol).toList();
          List<DecodingSymbol> honest = new ArrayList<>();
          for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 >= symbols.size() || symbols.get(i + 1).symbol().index() != symbols.get(i).symbol().index()) {
              honest.add(unproven.get(i));
            }
          }
          assertThat(recovery.recoverFromDecodingSymbols(encoded.metadata().metadata(), targetType, target, honest))
              .isEqualTo(expected);
        });
  }

  @Test
  void tamperedSymbolsFailVerificationAndTooFewFailRecovery() {
    Random random = new Random(8);
    EncodingConfig config = EncodingConfig.forShards(13);
    EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, 4000));
    BlobMetadata metadata = encoded.metadata().metadata();
    RecoverySymbol honest = ExpandedSliver.of(config, encoded.secondarySliver(2)).recoverySymbol(5);
    honest.verify(config, metadata);
    assertThat(honest.id()).isEqualTo(new SymbolId(5, 2));
    assertThatThrownBy(() -> lie(honest, random).verify(config, metadata)).isInstanceOf(InvalidSymbolException.class);
    RecoverySymbol wrongTarget = new RecoverySymbol(honest.decodingAxis(), honest.symbol(), 6, honest.proof());
    assertThatThrownBy(() -> wrongTarget.verify(config, metadata)).isInstanceOf(InvalidSymbolException.class);
    RecoverySymbol shortProof = new RecoverySymbol(
        honest.decodingAxis(), honest.symbol(), 5, new MerkleProof(honest.proof().path().subList(1, honest.proof().path().size())));
    assertThatThrownBy(() -> shortProof.verify(config, metadata)).isInstanceOf(InvalidSymbolException.class);
    RecoverySymbol outOfRange = new RecoverySymbol(honest.decodingAxis(), new DecodingSymbol(13, honest.symbol().data()), 5, honest.proof());
    assertThatThrownBy(() -> outOfRange.verify(config, metadata)).hasMessageContaining("out of range");

    SliverRecovery recovery = new SliverRecovery(config);
    List<RecoverySymbol> tooFew = new ArrayList<>();
    for (int j = 0; j < recovery.symbolsNeeded(SliverType.PRIMARY) - 1; j++) {
      tooFew.add(ExpandedSliver.of(config, encoded.secondarySliver(j)).recoverySymbol(5));
    }
    tooFew.add(lie(ExpandedSliver.of(config, encoded.secondarySliver(12)).recoverySymbol(5), random));
    assertThatThrownBy(() -> recovery.recover(metadata, SliverType.PRIMARY, 5, tooFew))
        .isInstanceOf(NotEnoughSliversException.class)
        .hasMessageContaining("valid symbols");
  }

  @Test
  void recoverySymbolsRoundTripThroughBcs() {
    EncodingConfig config = EncodingConfig.forShards(10);
    EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(new Random(2), 700));
    RecoverySymbol symbol = ExpandedSliver.of(config, encoded.primarySliver(3)).recoverySymbol(8);
    byte[] bcs = symbol.toBcs();
    assertThat(bcs[0]).isEqualTo((byte) 1); // decodes a secondary sliver
    RecoverySymbol parsed = RecoverySymbol.readBcs(new BcsReader(bcs));
    assertThat(parsed).isEqualTo(symbol);
    parsed.verify(config, encoded.metadata().metadata());
    for (int cut = 0; cut < bcs.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(bcs, cut);
      assertThatThrownBy(() -> RecoverySymbol.readBcs(new BcsReader(truncated)))
          .isInstanceOf(dev.walrus.core.WalrusException.class);
    }
  }

  static ExpandedSliver sourceExpansion(EncodingConfig config, EncodedBlob encoded, SliverType targetType, int source) {
    return ExpandedSliver.of(config, targetType == SliverType.PRIMARY ? encoded.secondarySliver(source) : encoded.primarySliver(source));
  }

  static RecoverySymbol lie(RecoverySymbol symbol, Random random) {
    byte[] data = symbol.symbol().data();
    data[random.nextInt(data.length)] ^= (byte) (1 + random.nextInt(255));
    return new RecoverySymbol(symbol.decodingAxis(), new DecodingSymbol(symbol.symbol().index(), data), symbol.targetIndex(), symbol.proof());
  }
}
