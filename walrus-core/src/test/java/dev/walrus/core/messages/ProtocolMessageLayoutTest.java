package dev.walrus.core.messages;

import static dev.walrus.core.messages.Fixtures.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.BlsPublicKey;
import org.junit.jupiter.api.Test;

/**
 * Each message type against bytes written out by hand from the layouts in protocol.md §3 step
 * 6, §5.3 step 3, §5.5 step 4 and ledger.md §8 — not from this code.
 */
class ProtocolMessageLayoutTest {
  private static final String HEADER_TAIL = "0003" + "04030201"; // version 0, app 3, epoch LE

  @Test
  void permanentStorageConfirmation() {
    String hex = "01" + HEADER_TAIL + Fixtures.BLOB_ID_HEX + "00";
    byte[] bcs = Fixtures.PERMANENT.toBcs();
    assertThat(bcs).hasSize(40);
    assertThat(HEX.formatHex(bcs)).isEqualTo(hex);
    assertThat(StorageConfirmation.fromBcs(HEX.parseHex(hex))).isEqualTo(Fixtures.PERMANENT);
  }

  @Test
  void deletableStorageConfirmation() {
    String hex = "01" + HEADER_TAIL + Fixtures.BLOB_ID_HEX + "01" + Fixtures.OBJECT_ID_HEX;
    byte[] bcs = Fixtures.DELETABLE.toBcs();
    assertThat(bcs).hasSize(72);
    assertThat(HEX.formatHex(bcs)).isEqualTo(hex);
    StorageConfirmation decoded = StorageConfirmation.fromBcs(HEX.parseHex(hex));
    assertThat(decoded).isEqualTo(Fixtures.DELETABLE);
    assertThat(decoded.persistence())
        .isEqualTo(new BlobPersistence.Deletable(Fixtures.OBJECT_ID));
  }

  @Test
  void invalidBlobIdMessage() {
    String hex = "02" + HEADER_TAIL + Fixtures.BLOB_ID_HEX;
    byte[] bcs = Fixtures.INVALID_BLOB_ID.toBcs();
    assertThat(bcs).hasSize(39);
    assertThat(HEX.formatHex(bcs)).isEqualTo(hex);
    assertThat(InvalidBlobIdMessage.fromBcs(HEX.parseHex(hex))).isEqualTo(Fixtures.INVALID_BLOB_ID);
  }

  @Test
  void syncShardMessage() {
    String hex =
        "03" + "0003" + "07000000" // header, epoch 7
            + "00" // SyncShardRequest::V1
            + "0201" // shard 0x0102
            + "01" // secondary
            + Fixtures.BLOB_ID_HEX // starting blob ID
            + "e803000000000000" // 1000 slivers
            + "06000000"; // request epoch 6
    byte[] bcs = Fixtures.SYNC_SHARD.toBcs();
    assertThat(bcs).hasSize(55);
    assertThat(HEX.formatHex(bcs)).isEqualTo(hex);
    SyncShardMessage decoded = SyncShardMessage.fromBcs(HEX.parseHex(hex));
    assertThat(decoded).isEqualTo(Fixtures.SYNC_SHARD);
    assertThat(decoded.request().sliverType()).isEqualTo(SliverType.SECONDARY);
    assertThat(decoded.request().shardIndex()).isEqualTo(258);
  }

  @Test
  void primarySyncShardRequestUsesVariantZero() {
    var message =
        new SyncShardMessage(
            0, new SyncShardRequest(65535, SliverType.PRIMARY, Fixtures.BLOB_ID, 0, 0xFFFF_FFFFL));
    String hex =
        "030003" + "00000000" + "00" + "ffff" + "00" + Fixtures.BLOB_ID_HEX + "00".repeat(8)
            + "ffffffff";
    assertThat(HEX.formatHex(message.toBcs())).isEqualTo(hex);
    assertThat(SyncShardMessage.fromBcs(HEX.parseHex(hex))).isEqualTo(message);
  }

  @Test
  void proofOfPossessionMessage() {
    // fastcrypto's min_pk regression key (see BlsTest) and a Sui address from the TS SDK tests.
    String pk =
        "b157f238403a5b980546fd19ca48f79a2613e3e3a91d14ee69908b8816e4c53665370b2fbd0db62cc4aa0e8c"
            + "aeedc9b5";
    var message =
        new ProofOfPossessionMessage(
            5,
            Address.parse("0x" + Fixtures.ADDRESS_HEX),
            BlsPublicKey.fromBytes(HEX.parseHex(pk)));
    String hex = "000003" + "05000000" + Fixtures.ADDRESS_HEX + pk;
    byte[] bcs = message.toBcs();
    assertThat(bcs).hasSize(87);
    assertThat(HEX.formatHex(bcs)).isEqualTo(hex);
    assertThat(ProofOfPossessionMessage.fromBcs(HEX.parseHex(hex))).isEqualTo(message);
  }

  @Test
  void genericDecoderDispatchesOnTheIntentByte() {
    for (ProtocolMessage m :
        new ProtocolMessage[] {
          Fixtures.PERMANENT,
          Fixtures.DELETABLE,
          Fixtures.INVALID_BLOB_ID,
          Fixtures.SYNC_SHARD,
          Fixtures.proofOfPossession()
        }) {
      assertThat(ProtocolMessage.fromBcs(m.toBcs())).isEqualTo(m);
      assertThat(IntentHeader.peekType(m.toBcs())).isEqualTo(m.intentType());
    }
  }

  @Test
  void intentTypesHaveTheirWireCodes() {
    assertThat(IntentType.values())
        .extracting(IntentType::code)
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
    for (IntentType t : IntentType.values()) {
      assertThat(IntentType.fromCode(t.code())).isEqualTo(t);
    }
  }

  @Test
  void constructorsRejectValuesTheWireCannotCarry() {
    BlobId id = Fixtures.BLOB_ID;
    assertThatThrownBy(() -> new InvalidBlobIdMessage(-1, id))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvalidBlobIdMessage(1L << 32, id))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncShardRequest(65536, SliverType.PRIMARY, id, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncShardRequest(-1, SliverType.PRIMARY, id, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncShardRequest(0, SliverType.PRIMARY, id, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StorageConfirmation(0, id, null))
        .isInstanceOf(NullPointerException.class);
  }
}
