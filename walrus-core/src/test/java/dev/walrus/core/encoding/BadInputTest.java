package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.InvalidBlobIdException;
import dev.walrus.core.SliverType;
import dev.walrus.core.WalrusException;
import dev.walrus.core.bcs.BcsException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every malformed input to the codec is refused with a typed exception, never a wrong value. */
class BadInputTest {
  private final EncodingConfig config = EncodingConfig.forShards(10);
  private final EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(new Random(4), 2000));

  @Test
  void shardCountsOutOfRange() {
    for (int n : new int[] {-1, 0, 1, 2, 3, 65536, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> EncodingConfig.forShards(n))
          .isInstanceOf(InvalidEncodingConfigException.class)
          .hasMessageContaining("4 to 65535");
    }
    EncodingConfig huge = EncodingConfig.forShards(60000);
    assertThat(huge.maxBlobSize()).isPositive();
    assertThatThrownBy(() -> new BlobEncoder(huge).computeMetadata(new byte[1]))
        .isInstanceOf(InvalidEncodingConfigException.class)
        .hasMessageContaining("49155");
  }

  @Test
  void blobTooLarge() {
    EncodingConfig four = EncodingConfig.forShards(4);
    assertThat(four.maxBlobSize()).isEqualTo(393_204);
    assertThatThrownBy(() -> four.symbolSize(393_205)).isInstanceOf(DataTooLargeException.class)
        .hasMessageContaining("393205").hasMessageContaining("393204");
    assertThat(four.symbolSize(393_204)).isEqualTo(65534);
    assertThatThrownBy(() -> four.encodedLength(-1)).isInstanceOf(DataTooLargeException.class);
  }

  @Test
  void truncatedOrPaddedMetadataIsRefused() {
    byte[] bcs = encoded.metadata().toBcs();
    assertThat(BlobMetadataWithId.fromBcs(bcs)).isEqualTo(encoded.metadata());
    everyTruncation(bcs, b -> BlobMetadataWithId.fromBcs(b));
    byte[] longer = Arrays.copyOf(bcs, bcs.length + 1);
    assertThatThrownBy(() -> BlobMetadataWithId.fromBcs(longer)).isInstanceOf(BcsException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void unknownVariantsInMetadataAreRefused() {
    byte[] bcs = encoded.metadata().toBcs();
    byte[] v2 = bcs.clone();
    v2[32] = 1; // BlobMetadata::V2 does not exist
    assertThatThrownBy(() -> BlobMetadataWithId.fromBcs(v2)).isInstanceOf(BcsException.class).hasMessageContaining("BlobMetadata");
    byte[] raptorQ = bcs.clone();
    raptorQ[33] = 0; // RaptorQ, retired
    assertThatThrownBy(() -> BlobMetadataWithId.fromBcs(raptorQ)).isInstanceOf(UnsupportedEncodingTypeException.class);
    byte[] badNode = bcs.clone();
    badNode[32 + 1 + 1 + 8 + 1] = 2; // first Node tag
    assertThatThrownBy(() -> BlobMetadataWithId.fromBcs(badNode)).isInstanceOf(BcsException.class).hasMessageContaining("Node");
    byte[] nonCanonical = new byte[bcs.length + 1];
    System.arraycopy(bcs, 0, nonCanonical, 0, 42);
    nonCanonical[42] = (byte) (10 | 0x80); // ULEB 10 written in two bytes
    nonCanonical[43] = 0;
    System.arraycopy(bcs, 43, nonCanonical, 44, bcs.length - 43);
    assertThatThrownBy(() -> BlobMetadataWithId.fromBcs(nonCanonical)).isInstanceOf(BcsException.class).hasMessageContaining("non-canonical");
  }

  @Test
  void metadataThatLiesAboutItsIdIsRefused() {
    BlobMetadata metadata = encoded.metadata().metadata();
    BlobMetadataWithId wrongId = new BlobMetadataWithId(BlobId.of(new byte[32]), metadata);
    assertThatThrownBy(() -> wrongId.verify(config)).isInstanceOf(InvalidMetadataException.class).hasMessageContaining("does not match");
    BlobMetadataWithId wrongN = encoded.metadata();
    assertThatThrownBy(() -> wrongN.verify(EncodingConfig.forShards(11))).isInstanceOf(InvalidMetadataException.class);
    BlobMetadata tooLong = new BlobMetadata(EncodingType.RS2, config.maxBlobSize() + 1, metadata.hashes());
    assertThatThrownBy(() -> new BlobMetadataWithId(tooLong.computeBlobId(), tooLong).verify(config))
        .isInstanceOf(InvalidMetadataException.class).hasMessageContaining("exceeds");
  }

  @Test
  void malformedSliversAreRefused() {
    byte[] bcs = encoded.primarySliver(3).toBcs();
    assertThat(SliverData.fromBcs(SliverType.PRIMARY, bcs)).isEqualTo(encoded.primarySliver(3));
    everyTruncation(bcs, b -> SliverData.fromBcs(SliverType.PRIMARY, b));
    byte[] oddSymbol = bcs.clone();
    oddSymbol[bcs.length - 4] = 3; // symbol size 3
    assertThatThrownBy(() -> SliverData.fromBcs(SliverType.PRIMARY, oddSymbol)).isInstanceOf(BcsException.class);
    byte[] zeroSymbol = bcs.clone();
    zeroSymbol[bcs.length - 4] = 0;
    zeroSymbol[bcs.length - 3] = 0;
    assertThatThrownBy(() -> SliverData.fromBcs(SliverType.PRIMARY, zeroSymbol)).isInstanceOf(BcsException.class);
    byte[] hugeLength = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 1, 2};
    assertThatThrownBy(() -> SliverData.fromBcs(SliverType.PRIMARY, hugeLength)).isInstanceOf(BcsException.class)
        .hasMessageContaining("exceeds");
  }

  @Test
  void malformedProofsAndSymbolsAreRefused() {
    RecoverySymbol symbol = ExpandedSliver.of(config, encoded.secondarySliver(1)).recoverySymbol(2);
    InconsistencyProof proof = new InconsistencyProof(SliverType.PRIMARY, 2, java.util.List.of(symbol));
    byte[] bcs = proof.toBcs();
    everyTruncation(bcs, b -> InconsistencyProof.fromBcs(SliverType.PRIMARY, b));
    byte[] tagged = proof.toTaggedBcs();
    tagged[0] = 2;
    assertThatThrownBy(() -> InconsistencyProof.fromTaggedBcs(tagged)).isInstanceOf(BcsException.class);
    byte[] manyNodes = {2, 0, 1, 1, 0, 2, 0, 0, 40};
    assertThatThrownBy(() -> InconsistencyProof.fromBcs(SliverType.PRIMARY, manyNodes)).isInstanceOf(BcsException.class);
    // A proof of one symbol where s are needed shows nothing.
    assertThat(proof.verify(config, encoded.metadata().metadata())).isFalse();
  }

  @Test
  void malformedBlobIdsAreRefused() {
    String good = encoded.blobId().toString();
    assertThat(BlobId.parse(good)).isEqualTo(encoded.blobId());
    for (String bad : new String[] {"", "abc", good + "A", good.substring(1), good.replace(good.charAt(0), '+'),
        good.substring(0, 42) + "=", good.substring(0, 42) + "B" /* non-zero padding bits */}) {
      if (bad.equals(good)) {
        continue;
      }
      assertThatThrownBy(() -> BlobId.parse(bad)).isInstanceOf(InvalidBlobIdException.class);
    }
    assertThatThrownBy(() -> BlobId.of(new byte[31])).isInstanceOf(InvalidBlobIdException.class);
    assertThat(BlobId.fromU256(encoded.blobId().toU256())).isEqualTo(encoded.blobId());
  }

  /** Parsing any strict prefix fails with a typed exception, never a value or a hang. */
  private static void everyTruncation(byte[] bcs, Consumer<byte[]> parse) {
    for (int len = 0; len < bcs.length; len++) {
      byte[] prefix = Arrays.copyOf(bcs, len);
      assertThatThrownBy(() -> parse.accept(prefix)).as("prefix of %d bytes", len).isInstanceOf(WalrusException.class);
    }
  }
}
