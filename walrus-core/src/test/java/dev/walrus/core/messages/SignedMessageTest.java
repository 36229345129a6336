package dev.walrus.core.messages;

import static dev.walrus.core.messages.Fixtures.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.SignatureVerificationException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedMessageTest {
  private static final BlsKeyPair NODE = Fixtures.key(10);

  @Test
  void signedConfirmationVerifiesAndDecodes() {
    SignedMessage<StorageConfirmation> signed = SignedMessage.sign(NODE, Fixtures.DELETABLE);
    assertThat(signed.serializedMessage()).isEqualTo(Fixtures.DELETABLE.toBcs());
    assertThat(signed.verify(NODE.publicKey())).isEqualTo(Fixtures.DELETABLE);
    assertThat(signed.unverifiedMessage()).isEqualTo(Fixtures.DELETABLE);
  }

  @Test
  void bcsLayoutIsLengthPrefixedMessageThenRawSignature() {
    SignedMessage<StorageConfirmation> signed = SignedMessage.sign(NODE, Fixtures.PERMANENT);
    byte[] bcs = signed.toBcs();
    assertThat(bcs).hasSize(1 + 40 + 96);
    assertThat(HEX.formatHex(bcs))
        .isEqualTo(
            "28"
                + HEX.formatHex(Fixtures.PERMANENT.toBcs())
                + HEX.formatHex(signed.signature().bytes()));

    SignedMessage<StorageConfirmation> decoded =
        SignedMessage.fromBcs(bcs, StorageConfirmation::fromBcs);
    assertThat(decoded).isEqualTo(signed).hasSameHashCodeAs(signed);
    assertThat(decoded.verify(NODE.publicKey())).isEqualTo(Fixtures.PERMANENT);
  }

  @Test
  void everyMessageTypeCanBeSignedAndVerified() {
    assertThat(SignedMessage.sign(NODE, Fixtures.INVALID_BLOB_ID).verify(NODE.publicKey()))
        .isEqualTo(Fixtures.INVALID_BLOB_ID);
    assertThat(SignedMessage.sign(NODE, Fixtures.SYNC_SHARD).verify(NODE.publicKey()))
        .isEqualTo(Fixtures.SYNC_SHARD);
    ProofOfPossessionMessage pop = Fixtures.proofOfPossession();
    assertThat(SignedMessage.sign(NODE, pop).verify(NODE.publicKey())).isEqualTo(pop);
  }

  @Test
  void jsonPartsRoundTrip() {
    SignedMessage<SyncShardMessage> signed = SignedMessage.sign(NODE, Fixtures.SYNC_SHARD);
    String message = Base64.getEncoder().encodeToString(signed.serializedMessage());
    String signature = signed.signature().toBase64();

    SignedMessage<SyncShardMessage> parsed =
        SignedMessage.of(
            Base64.getDecoder().decode(message),
            BlsSignature.fromBase64(signature),
            SyncShardMessage::fromBcs);
    assertThat(parsed).isEqualTo(signed);
    assertThat(parsed.verify(NODE.publicKey())).isEqualTo(Fixtures.SYNC_SHARD);
  }

  @Test
  void wrongKeyIsASignatureError() {
    SignedMessage<StorageConfirmation> signed = SignedMessage.sign(NODE, Fixtures.PERMANENT);
    assertThatThrownBy(() -> signed.verify(Fixtures.key(11).publicKey()))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void alteredMessageIsASignatureError() {
    SignedMessage<StorageConfirmation> signed = SignedMessage.sign(NODE, Fixtures.PERMANENT);
    byte[] other = Fixtures.PERMANENT.toBcs();
    other[3] ^= 1; // another epoch
    SignedMessage<StorageConfirmation> forged =
        SignedMessage.of(other, signed.signature(), StorageConfirmation::fromBcs);
    assertThat(forged.unverifiedMessage().epoch()).isNotEqualTo(Fixtures.PERMANENT.epoch());
    assertThatThrownBy(() -> forged.verify(NODE.publicKey()))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void signatureForAnotherMessageTypeIsADecodingError() {
    SignedMessage<InvalidBlobIdMessage> invalid =
        SignedMessage.sign(NODE, Fixtures.INVALID_BLOB_ID);
    SignedMessage<StorageConfirmation> mislabeled =
        SignedMessage.fromBcs(invalid.toBcs(), StorageConfirmation::fromBcs);
    assertThatThrownBy(() -> mislabeled.verify(NODE.publicKey()))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("intent type 2");
  }

  @Test
  void malformedBcsIsRejected() {
    byte[] bcs = SignedMessage.sign(NODE, Fixtures.PERMANENT).toBcs();
    for (int len = 0; len < bcs.length; len++) {
      byte[] truncated = Arrays.copyOf(bcs, len);
      assertThatThrownBy(() -> SignedMessage.fromBcs(truncated, StorageConfirmation::fromBcs))
          .as("%d bytes", len)
          .isInstanceOf(BcsException.class);
    }
    assertThatThrownBy(
            () ->
                SignedMessage.fromBcs(
                    Arrays.copyOf(bcs, bcs.length + 1), StorageConfirmation::fromBcs))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("trailing");

    byte[] badPoint = bcs.clone();
    Arrays.fill(badPoint, 41, 137, (byte) 0);
    assertThatThrownBy(() -> SignedMessage.fromBcs(badPoint, StorageConfirmation::fromBcs))
        .isInstanceOf(BcsException.class)
        .hasMessageContaining("signature");
  }
}
