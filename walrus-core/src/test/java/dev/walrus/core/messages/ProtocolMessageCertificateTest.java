package dev.walrus.core.messages;

import static dev.walrus.core.messages.Fixtures.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProtocolMessageCertificateTest {
  private static final int MEMBERS = 10;
  private static final List<BlsKeyPair> COMMITTEE =
      IntStream.range(0, MEMBERS).mapToObj(i -> Fixtures.key(100 + i)).toList();

  private static ProtocolMessageCertificate certificate(int... signers) {
    List<SignedMessage<StorageConfirmation>> signed = new ArrayList<>();
    for (int s : signers) {
      signed.add(SignedMessage.sign(COMMITTEE.get(s), Fixtures.PERMANENT));
    }
    return ProtocolMessageCertificate.fromSignedMessages(signers, signed);
  }

  private static List<BlsPublicKey> keys(int... signers) {
    return Arrays.stream(signers).mapToObj(s -> COMMITTEE.get(s).publicKey()).toList();
  }

  @Test
  void aggregatedCertificateVerifiesUnderItsSignersKeys() {
    ProtocolMessageCertificate cert = certificate(0, 2, 3, 7, 9);
    assertThat(cert.verifySignature(keys(0, 2, 3, 7, 9))).isTrue();
    assertThat(cert.verifySignature(keys(0, 2, 3, 7, 8))).isFalse();
    assertThat(cert.verifySignature(keys(0, 2, 3, 7))).isFalse();
    assertThat(cert.message(StorageConfirmation::fromBcs)).isEqualTo(Fixtures.PERMANENT);
    assertThat(cert.serializedMessage()).isEqualTo(Fixtures.PERMANENT.toBcs());
  }

  @Test
  void bcsLayout() {
    ProtocolMessageCertificate cert = certificate(0, 2, 9);
    // Replace the signers to show the u16 encoding of a larger index.
    ProtocolMessageCertificate wide =
        new ProtocolMessageCertificate(
            new int[] {0, 2, 300}, cert.serializedMessage(), cert.signature());
    String hex =
        "03" + "0000" + "0200" + "2c01" // signers: Vec<u16>
            + "28" + HEX.formatHex(Fixtures.PERMANENT.toBcs()) // serialized_message: Vec<u8>
            + HEX.formatHex(cert.signature().bytes()); // signature: [u8; 96]
    assertThat(HEX.formatHex(wide.toBcs())).isEqualTo(hex);
    assertThat(ProtocolMessageCertificate.fromBcs(HEX.parseHex(hex))).isEqualTo(wide);
    assertThat(ProtocolMessageCertificate.fromBcs(cert.toBcs()))
        .isEqualTo(cert)
        .hasSameHashCodeAs(cert);
  }

  @Test
  void malformedBcsIsRejected() {
    byte[] bcs = certificate(1, 4).toBcs();
    for (int len = 0; len < bcs.length; len++) {
      byte[] truncated = Arrays.copyOf(bcs, len);
      assertThatThrownBy(() -> ProtocolMessageCertificate.fromBcs(truncated))
          .as("%d bytes", len)
          .isInstanceOf(BcsException.class);
    }
    assertThatThrownBy(() -> ProtocolMessageCertificate.fromBcs(Arrays.copyOf(bcs, bcs.length + 1)))
        .isInstanceOf(BcsException.class);
    byte[] badPoint = bcs.clone();
    Arrays.fill(badPoint, bcs.length - 96, bcs.length, (byte) 0xFF);
    assertThatThrownBy(() -> ProtocolMessageCertificate.fromBcs(badPoint))
        .isInstanceOf(BcsException.class);
    // A signer count larger than the input can hold is caught before allocating.
    assertThatThrownBy(() -> ProtocolMessageCertificate.fromBcs(HEX.parseHex("ffffffff0f00")))
        .isInstanceOf(BcsException.class);
  }

  @Test
  void differingMessagesCannotBeAggregated() {
    var a = SignedMessage.sign(COMMITTEE.get(0), Fixtures.PERMANENT);
    var b = SignedMessage.sign(COMMITTEE.get(1), Fixtures.DELETABLE);
    assertThatThrownBy(
            () -> ProtocolMessageCertificate.fromSignedMessages(new int[] {0, 1}, List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ProtocolMessageCertificate.fromSignedMessages(new int[] {0}, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ProtocolMessageCertificate.fromSignedMessages(new int[] {0, 1}, List.of(a)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bitmapIsLsbFirstWithOneBitPerMember() {
    ProtocolMessageCertificate cert = certificate(0, 2, 9);
    assertThat(HEX.formatHex(cert.signersBitmap(10))).isEqualTo("0502");
    assertThat(HEX.formatHex(cert.signersBitmap(16))).isEqualTo("0502");
    assertThat(HEX.formatHex(cert.signersBitmap(17))).isEqualTo("050200");
    assertThat(
            HEX.formatHex(ProtocolMessageCertificate.signersBitmap(new int[] {7, 8, 15, 16}, 24)))
        .isEqualTo("808101");
    assertThat(ProtocolMessageCertificate.signersBitmap(new int[0], 0)).isEmpty();
  }

  @Test
  void bitmapRejectsSignersOutsideTheCommittee() {
    assertThatThrownBy(() -> certificate(0, 9).signersBitmap(9))
        .isInstanceOf(InvalidSignersException.class)
        .hasMessageContaining("9");
  }

  @Test
  void bitmapDecodesBackToSortedSigners() {
    assertThat(ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("0502"), 10))
        .containsExactly(0, 2, 9);
    assertThat(ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("808101"), 17))
        .containsExactly(7, 8, 15, 16);
    // Shorter than ceil(n/8): the missing members did not sign.
    assertThat(ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("05"), 10))
        .containsExactly(0, 2);
    assertThat(ProtocolMessageCertificate.signersFromBitmap(new byte[0], 10)).isEmpty();

    SplittableRandom random = new SplittableRandom(5);
    for (int n = 0; n < 100; n++) {
      int members = n;
      int[] signers = IntStream.range(0, members).filter(i -> random.nextBoolean()).toArray();
      byte[] bitmap = ProtocolMessageCertificate.signersBitmap(signers, members);
      assertThat(bitmap).hasSize((members + 7) / 8);
      assertThat(ProtocolMessageCertificate.signersFromBitmap(bitmap, members))
          .containsExactly(signers);
    }
  }

  @Test
  void bitmapDecodingRejectsBitsBeyondTheCommitteeAndOverlongBitmaps() {
    // Member 10 of a 10-member committee does not exist.
    assertThatThrownBy(() -> ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("0504"), 10))
        .isInstanceOf(InvalidSignersException.class)
        .hasMessageContaining("bit 10");
    assertThatThrownBy(() -> ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("0080"), 15))
        .isInstanceOf(InvalidSignersException.class);
    assertThatThrownBy(
            () -> ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("050200"), 10))
        .isInstanceOf(InvalidSignersException.class)
        .hasMessageContaining("longer");
    assertThatThrownBy(() -> ProtocolMessageCertificate.signersFromBitmap(HEX.parseHex("01"), 0))
        .isInstanceOf(InvalidSignersException.class);
  }

  @Test
  void signerIndicesMustBeU16() {
    byte[] message = Fixtures.PERMANENT.toBcs();
    var sig = COMMITTEE.get(0).sign(message);
    assertThatThrownBy(() -> new ProtocolMessageCertificate(new int[] {65536}, message, sig))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ProtocolMessageCertificate(new int[] {65535}, message, sig).signers())
        .containsExactly(65535);
  }
}
