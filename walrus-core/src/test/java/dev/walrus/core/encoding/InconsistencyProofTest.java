package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A writer that lies about one primary sliver (and commits to the lie in the metadata) is caught:
 * recovering an affected secondary sliver yields a proof that verifies. Proofs built from a
 * consistent blob never verify.
 */
class InconsistencyProofTest {

  /** A blob whose primary sliver {@code bad} was altered after encoding, with metadata matching the alteration. */
  record Inconsistent(EncodingConfig config, EncodedBlob honest, int bad, SliverData badSliver, BlobMetadata metadata) {
    SliverData primary(int i) {
      return i == bad ? badSliver : honest.primarySliver(i);
    }
  }

  static Inconsistent inconsistent(Random random, int n, int size) {
    EncodingConfig config = EncodingConfig.forShards(n);
    EncodedBlob honest = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, size));
    int bad = random.nextInt(config.primarySymbols());
    SliverData badSliver = CodecFixtures.tampered(honest.primarySliver(bad), random.nextInt(honest.primarySliver(bad).length()));
    Node badHash = ExpandedSliver.of(config, badSliver).hash();
    List<SliverPairMetadata> hashes = new ArrayList<>(honest.metadata().metadata().hashes());
    hashes.set(bad, new SliverPairMetadata(badHash, hashes.get(bad).secondaryHash()));
    BlobMetadata metadata = new BlobMetadata(EncodingType.RS2, size, hashes);
    return new Inconsistent(config, honest, bad, badSliver, metadata);
  }

  @Test
  void recoveringAnAffectedSliverProducesAVerifyingProof() {
    qt().withExamples(25).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(1, 12_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          Inconsistent blob = inconsistent(random, CodecFixtures.SHARD_COUNTS[nIndex], size);
          EncodingConfig config = blob.config();
          int n = config.nShards();
          int target = n - 1; // a non-systematic column: every row's change reaches it
          List<RecoverySymbol> symbols = new ArrayList<>();
          symbols.add(ExpandedSliver.of(config, blob.badSliver()).recoverySymbol(target));
          for (int i : CodecFixtures.randomIndices(random, n, n)) {
            if (i != blob.bad()) {
              symbols.add(ExpandedSliver.of(config, blob.primary(i)).recoverySymbol(target));
            }
          }
          SliverRecovery recovery = new SliverRecovery(config);
          InconsistentBlobException e = org.junit.jupiter.api.Assertions.assertThrows(
              InconsistentBlobException.class,
              () -> recovery.recover(blob.metadata(), SliverType.SECONDARY, target, symbols));
          InconsistencyProof proof = e.proof().orElseThrow();
          assertThat(proof.symbols()).hasSize(config.primarySymbols());
          assertThat(proof.verify(config, blob.metadata())).isTrue();
          InconsistencyProof parsed = InconsistencyProof.fromBcs(SliverType.SECONDARY, proof.toBcs());
          assertThat(parsed).isEqualTo(proof);
          assertThat(InconsistencyProof.fromTaggedBcs(proof.toTaggedBcs())).isEqualTo(proof);
          assertThat(parsed.verify(config, blob.metadata())).isTrue();
          // Against the honest metadata the liar's symbol is not proven, so nothing is shown.
          assertThat(proof.verify(config, blob.honest().metadata().metadata())).isFalse();
          // Any alteration of the proof invalidates it.
          List<RecoverySymbol> altered = new ArrayList<>(proof.symbols());
          altered.set(0, RecoveryPropertyTest.lie(altered.get(0), random));
          assertThat(new InconsistencyProof(SliverType.SECONDARY, target, altered).verify(config, blob.metadata())).isFalse();
          assertThat(new InconsistencyProof(SliverType.SECONDARY, target, proof.symbols().subList(1, proof.symbols().size()))
              .verify(config, blob.metadata())).isFalse();
        });
  }

  @Test
  void proofsFromConsistentBlobsNeverVerify() {
    qt().withExamples(40).forAll(
            integers().between(0, CodecFixtures.SHARD_COUNTS.length - 1),
            integers().between(0, 12_000),
            longs().all())
        .checkAssert((nIndex, size, seed) -> {
          Random random = new Random(seed);
          EncodingConfig config = EncodingConfig.forShards(CodecFixtures.SHARD_COUNTS[nIndex]);
          EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, size));
          int n = config.nShards();
          SliverType targetType = random.nextBoolean() ? SliverType.PRIMARY : SliverType.SECONDARY;
          int target = random.nextInt(n);
          int k = config.sourceSymbols(targetType);
          List<RecoverySymbol> symbols = new ArrayList<>();
          for (int source : CodecFixtures.randomIndices(random, n, k)) {
            symbols.add(RecoveryPropertyTest.sourceExpansion(config, encoded, targetType, source).recoverySymbol(target));
          }
          InconsistencyProof proof = new InconsistencyProof(targetType, target, symbols);
          assertThat(proof.verify(config, encoded.metadata().metadata())).isFalse();
        });
  }

  @Test
  void readersOfAnInconsistentBlobGetTheCommittedDataOrAnError() {
    Random random = new Random(21);
    for (int trial = 0; trial < 20; trial++) {
      Inconsistent blob = inconsistent(random, CodecFixtures.SHARD_COUNTS[trial % CodecFixtures.SHARD_COUNTS.length], 1 + random.nextInt(8000));
      EncodingConfig config = blob.config();
      int n = config.nShards();
      BlobMetadataWithId metadata = new BlobMetadataWithId(blob.metadata().computeBlobId(), blob.metadata());
      metadata.verify(config);
      BlobDecoder decoder = new BlobDecoder(config);
      List<SliverData> systematic = new ArrayList<>();
      for (int i = 0; i < config.primarySymbols(); i++) {
        systematic.add(blob.primary(i));
      }
      byte[] committed = decoder.decode(metadata, systematic, ConsistencyCheck.DEFAULT);
      List<SliverData> other = new ArrayList<>();
      for (int i : CodecFixtures.randomIndices(random, n, config.primarySymbols())) {
        other.add(blob.primary(i));
      }
      try {
        assertThat(decoder.decode(metadata, other, ConsistencyCheck.DEFAULT)).isEqualTo(committed);
      } catch (InconsistentBlobException expected) {
        // the default check caught the inconsistency
      }
      assertThatThrownBy(() -> decoder.decode(metadata, systematic, ConsistencyCheck.STRICT))
          .isInstanceOf(InconsistentBlobException.class);
    }
  }
}
