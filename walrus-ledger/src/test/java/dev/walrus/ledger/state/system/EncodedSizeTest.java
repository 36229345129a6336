package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.state.Abort;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encoded size and storage units against ledger.md §2.1's vectors and walrus-core's encoder. */
class EncodedSizeTest {
  private static final long MIB = 1L << 20;
  private static final long MAX_BLOB_1000 = 14_599_533_452L;

  @ParameterizedTest(name = "N=1000, L={0} -> {1} B = {2} units")
  @CsvSource({
    "0, 66034000, 63",
    "1, 66034000, 63",
    "1048576, 70038000, 67",
    "104857600, 536504000, 512",
    "1073741824, 4888852000, 4663",
    "14599533452, 65663566000, 62622",
  })
  void specVectorsForAThousandShards(long length, long encoded, long units) {
    assertThat(EncodedSize.encodedBlobLength(length, EncodedSize.RS2, 1000)).isEqualTo(encoded);
    assertThat(EncodedSize.storageUnits(encoded)).isEqualTo(units);
  }

  @Test
  void specVectorForTenShards() {
    assertThat(EncodedSize.encodedBlobLength(1, EncodedSize.RS2, 10)).isEqualTo(6_940);
  }

  @Test
  void aThousandShardsCostAFixedMetadataPlusOneMillionBytesPerSymbolByte() {
    for (long sym = 2; sym <= 65534; sym += 2 * 997) {
      long length = sym * 222_778L;
      assertThat(EncodedSize.encodedBlobLength(length, EncodedSize.RS2, 1000))
          .isEqualTo(1_001_000L * sym + 64_032_000L);
    }
  }

  @Test
  void oneByteMoreThanTheLargestBlobFailsTheU16Cast() {
    assertThat(EncodedSize.encodedBlobLength(MAX_BLOB_1000, EncodedSize.RS2, 1000)).isPositive();
    assertAborts(() -> EncodedSize.encodedBlobLength(MAX_BLOB_1000 + 1, EncodedSize.RS2, 1000), "arithmetic", 0);
    assertAborts(() -> EncodedSize.encodedBlobLength(MAX_BLOB_1000 + 222_778L * 2, EncodedSize.RS2, 1000),
        "arithmetic", 3);
    assertAborts(() -> EncodedSize.encodedBlobLength(-1, EncodedSize.RS2, 1000), "arithmetic", 3);
  }

  @Test
  void anEmptyCommitteeHasNoEncoding() {
    assertAborts(() -> EncodedSize.encodedBlobLength(1, EncodedSize.RS2, 0), "arithmetic", 1);
  }

  @Test
  void onlyRs2IsAnEncodingTypeAndItIsCheckedFirst() {
    assertAborts(() -> EncodedSize.encodedBlobLength(1, 0, 1000), "encoding", 0);
    assertAborts(() -> EncodedSize.encodedBlobLength(1, 2, 0), "encoding", 0);
  }

  @Test
  void tinyCommitteesAreBilledToo() {
    // N=1: f=0, p=s=1, one source symbol; N=3: f=0, p=s=3.
    assertThat(EncodedSize.encodedBlobLength(1, EncodedSize.RS2, 1)).isEqualTo(1 * (2 * 2 + 96));
    assertThat(EncodedSize.encodedBlobLength(100, EncodedSize.RS2, 3)).isEqualTo(3 * (6 * 12 + 224));
  }

  @Test
  void matchesWalrusCoresEncoderForEveryShardCountItSupports() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {4, 5, 7, 10, 13, 100, 301, 1000, 1024, 4096}) {
      EncodingConfig config = EncodingConfig.forShards(n);
      for (int i = 0; i < 50; i++) {
        long length = i == 0 ? config.maxBlobSize() : random.nextLong(config.maxBlobSize() + 1);
        assertThat(EncodedSize.encodedBlobLength(length, EncodedSize.RS2, n))
            .as("n=%d L=%d", n, length).isEqualTo(config.encodedLength(length));
      }
    }
  }

  @Test
  void unitsRoundUpToWholeMebibytes() {
    assertThat(EncodedSize.storageUnits(0)).isZero();
    assertThat(EncodedSize.storageUnits(1)).isEqualTo(1);
    assertThat(EncodedSize.storageUnits(MIB)).isEqualTo(1);
    assertThat(EncodedSize.storageUnits(MIB + 1)).isEqualTo(2);
    assertThat(EncodedSize.storageUnits(-1)).isEqualTo(1L << 44);
  }

  private static void assertAborts(Runnable r, String module, int code) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(Abort.class, a -> {
      assertThat(a.module()).isEqualTo(module);
      assertThat(a.code()).isEqualTo(code);
    });
  }
}
