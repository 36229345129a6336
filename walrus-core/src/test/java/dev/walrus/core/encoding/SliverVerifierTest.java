package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.SliverType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every honest sliver verifies; every altered one is refused with a reason. */
class SliverVerifierTest {
  private final Random random = new Random(3);

  @Test
  void honestSliversVerifyAndTamperedOnesDoNot() {
    for (int n : CodecFixtures.SHARD_COUNTS) {
      EncodingConfig config = EncodingConfig.forShards(n);
      EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, random.nextInt(20_000)));
      SliverVerifier verifier = new SliverVerifier(config);
      BlobMetadata metadata = encoded.metadata().metadata();
      for (int i = 0; i < n; i++) {
        for (SliverType type : SliverType.values()) {
          SliverData sliver = type == SliverType.PRIMARY ? encoded.primarySliver(i) : encoded.secondarySliver(i);
          assertThatCode(() -> verifier.verify(metadata, sliver)).doesNotThrowAnyException();
          SliverData bad = CodecFixtures.tampered(sliver, random.nextInt(sliver.length()));
          assertThatThrownBy(() -> verifier.verify(metadata, bad))
              .isInstanceOf(InvalidSliverException.class)
              .hasMessageContaining("does not match");
        }
      }
    }
  }

  @Test
  void refusesWrongIndexSizeAndSymbolSize() {
    EncodingConfig config = EncodingConfig.forShards(7);
    EncodedBlob encoded = new BlobEncoder(config).encode(CodecFixtures.randomBlob(random, 3000));
    SliverVerifier verifier = new SliverVerifier(config);
    BlobMetadata metadata = encoded.metadata().metadata();
    SliverData p0 = encoded.primarySliver(0);
    SliverData swapped = SliverData.of(SliverType.PRIMARY, 1, p0.symbolSize(), p0.dataCopy());
    assertThatThrownBy(() -> verifier.verify(metadata, swapped)).isInstanceOf(InvalidSliverException.class);
    SliverData outOfRange = SliverData.of(SliverType.PRIMARY, 7, p0.symbolSize(), p0.dataCopy());
    assertThatThrownBy(() -> verifier.verify(metadata, outOfRange)).hasMessageContaining("out of range");
    SliverData wrongSymbolSize = SliverData.of(SliverType.PRIMARY, 0, p0.symbolSize() * 2, new byte[p0.length() * 2]);
    assertThatThrownBy(() -> verifier.verify(metadata, wrongSymbolSize)).hasMessageContaining("symbol size");
    SliverData asSecondary = SliverData.of(SliverType.SECONDARY, 6, p0.symbolSize(), p0.dataCopy());
    assertThatThrownBy(() -> verifier.verify(metadata, asSecondary)).hasMessageContaining("expected");
    BlobMetadata otherN = new BlobEncoder(EncodingConfig.forShards(10)).computeMetadata(new byte[10]).metadata();
    assertThatThrownBy(() -> verifier.verify(otherN, p0)).isInstanceOf(InvalidMetadataException.class);
  }
}
