package dev.walrus.core.messages;

import static dev.walrus.core.messages.Fixtures.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.bcs.BcsException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every decoder rejects every kind of malformed input with a {@link BcsException}. */
class ProtocolMessageDecodingTest {
  record Case(String name, ProtocolMessage message, MessageDecoder<?> decoder) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("permanent confirmation", Fixtures.PERMANENT, StorageConfirmation::fromBcs),
        new Case("deletable confirmation", Fixtures.DELETABLE, StorageConfirmation::fromBcs),
        new Case("invalid blob ID", Fixtures.INVALID_BLOB_ID, InvalidBlobIdMessage::fromBcs),
        new Case("sync shard", Fixtures.SYNC_SHARD, SyncShardMessage::fromBcs),
        new Case(
            "proof of possession", Fixtures.proofOfPossession(), ProofOfPossessionMessage::fromBcs),
        new Case("generic, confirmation", Fixtures.DELETABLE, ProtocolMessage::fromBcs),
        new Case("generic, sync shard", Fixtures.SYNC_SHARD, ProtocolMessage::fromBcs));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyTruncationIsRejected(Case c) {
    byte[] bcs = c.message().toBcs();
    for (int len = 0; len < bcs.length; len++) {
      byte[] truncated = Arrays.copyOf(bcs, len);
      assertThatThrownBy(() -> c.decoder().fromBcs(truncated))
          .as("%d of %d bytes", len, bcs.length)
          .isInstanceOf(BcsException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void trailingBytesAreRejected(Case c) {
    byte[] bcs = c.message().toBcs();
    assertThatThrownBy(() -> c.decoder().fromBcs(Arrays.copyOf(bcs, bcs.length + 1)))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("trailing");
  }

  static Stream<Arguments> wrongIntentTypes() {
    return cases()
        .flatMap(
            c ->
                Stream.of(0, 1, 2, 3, 4, 5, 6, 7, 99, 255)
                    .filter(t -> t != c.message().intentType().code())
                    .filter(t -> !c.name().startsWith("generic") || t >= 4)
                    .map(t -> Arguments.of(c, t)));
  }

  @ParameterizedTest
  @MethodSource("wrongIntentTypes")
  void anyOtherIntentTypeIsRejected(Case c, int type) {
    byte[] bcs = c.message().toBcs();
    bcs[0] = (byte) type;
    assertThatThrownBy(() -> c.decoder().fromBcs(bcs))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("intent type");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void anyOtherIntentVersionIsRejected(Case c) {
    for (int version : new int[] {1, 2, 0x80, 0xFF}) {
      byte[] bcs = c.message().toBcs();
      bcs[1] = (byte) version;
      assertThatThrownBy(() -> c.decoder().fromBcs(bcs))
          .isInstanceOf(BcsException.class)
          .hasMessageContaining("intent version " + version);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void anyOtherAppIdIsRejected(Case c) {
    for (int appId : new int[] {0, 1, 2, 4, 0xFF}) {
      byte[] bcs = c.message().toBcs();
      bcs[2] = (byte) appId;
      assertThatThrownBy(() -> c.decoder().fromBcs(bcs))
          .isInstanceOf(BcsException.class)
          .hasMessageContaining("app ID " + appId);
    }
  }

  @Test
  void unknownPersistenceVariantIsRejected() {
    byte[] bcs = Fixtures.PERMANENT.toBcs();
    for (int variant : new int[] {2, 3, 0x7F}) {
      bcs[39] = (byte) variant;
      assertThatThrownBy(() -> StorageConfirmation.fromBcs(bcs))
          .isInstanceOf(BcsException.class)
          .hasMessageContaining("BlobPersistenceType variant " + variant);
    }
    // A ULEB128 tag written in two bytes is not canonical BCS.
    byte[] padded = Arrays.copyOf(Fixtures.PERMANENT.toBcs(), 41);
    padded[39] = (byte) 0x80;
    padded[40] = 0;
    assertThatThrownBy(() -> StorageConfirmation.fromBcs(padded)).isInstanceOf(BcsException.class);
  }

  @Test
  void malformedSyncShardRequestsAreRejected() {
    byte[] bcs = Fixtures.SYNC_SHARD.toBcs();

    byte[] v2 = bcs.clone();
    v2[7] = 1;
    assertThatThrownBy(() -> SyncShardMessage.fromBcs(v2))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("SyncShardRequest variant 1");

    byte[] axis = bcs.clone();
    axis[10] = 2;
    assertThatThrownBy(() -> SyncShardMessage.fromBcs(axis))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("SliverType variant 2");

    byte[] huge = bcs.clone();
    huge[50] = (byte) 0x80; // top byte of sliver_count: 2^63 + 1000
    assertThatThrownBy(() -> SyncShardMessage.fromBcs(huge))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void proofOfPossessionWithAnInvalidKeyIsABcsError() {
    byte[] bcs = Fixtures.proofOfPossession().toBcs();
    Arrays.fill(bcs, 39, 87, (byte) 0);
    assertThatThrownBy(() -> ProofOfPossessionMessage.fromBcs(bcs))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("BLS public key");
  }

  @Test
  void genericDecoderRejectsIntentsItDoesNotModel() {
    for (int type = 4; type <= 6; type++) {
      byte[] bcs = HEX.parseHex("0" + type + "0003" + "00000000");
      assertThatThrownBy(() -> ProtocolMessage.fromBcs(bcs))
          .isInstanceOf(BcsException.class)
          .hasMessageContaining("no decoder");
    }
    assertThatThrownBy(() -> ProtocolMessage.fromBcs(new byte[0]))
        .isInstanceOf(BcsException.class);
  }

  @Test
  void errorsNameTheMessageType() {
    assertThatThrownBy(() -> StorageConfirmation.fromBcs(Fixtures.INVALID_BLOB_ID.toBcs()))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("BLOB_CERTIFICATION")
        .hasMessageContaining("INVALID_BLOB_ID");
    assertThat(Fixtures.PERMANENT.intentType()).isEqualTo(IntentType.BLOB_CERTIFICATION);
  }
}
