package dev.walrus.core.messages;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import org.junit.jupiter.api.Assertions;

/**
 * The signed-message decoders on arbitrary bytes: signed messages and certificates as a node or
 * client receives them, and each intent's message body inside. Each decoder either throws {@link
 * BcsException} or gives a value whose encoding is the input again (BCS has one form per value,
 * so anything else means two byte strings decode to one value, or one is misread). Without {@code
 * JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs for as long as given.
 */
class MessageDecodersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void signedMessage(byte[] input) {
    SignedMessage<StorageConfirmation> signed;
    try {
      signed = SignedMessage.fromBcs(input, StorageConfirmation::fromBcs);
    } catch (BcsException refused) {
      return;
    }
    Assertions.assertArrayEquals(input, signed.toBcs());
    try {
      StorageConfirmation c = signed.unverifiedMessage();
      Assertions.assertArrayEquals(signed.serializedMessage(), c.toBcs());
    } catch (BcsException refused) {
      // the envelope is fine, the message inside is not a confirmation
    }
  }

  @FuzzTest(maxDuration = "20s")
  void certificate(byte[] input) {
    ProtocolMessageCertificate certificate;
    try {
      certificate = ProtocolMessageCertificate.fromBcs(input);
    } catch (BcsException refused) {
      return;
    }
    Assertions.assertArrayEquals(input, certificate.toBcs());
    try {
      ProtocolMessage m = certificate.message(ProtocolMessage::fromBcs);
      Assertions.assertArrayEquals(certificate.serializedMessage(), m.toBcs());
    } catch (BcsException refused) {
      // not a message of a known intent
    }
  }

  /** Any intent, dispatched on its header: proof of possession, confirmation, invalid blob, sync. */
  @FuzzTest(maxDuration = "20s")
  void protocolMessage(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, ProtocolMessage.fromBcs(input).toBcs());
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void invalidBlobId(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, InvalidBlobIdMessage.fromBcs(input).toBcs());
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void proofOfPossession(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, ProofOfPossessionMessage.fromBcs(input).toBcs());
    } catch (BcsException refused) {
      // refused
    }
  }
}
