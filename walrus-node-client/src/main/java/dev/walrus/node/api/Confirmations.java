package dev.walrus.node.api;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.MessageDecoder;
import dev.walrus.core.messages.ProtocolMessage;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON of the signed messages nodes hand out, as Walrus writes them (standard base64 with
 * padding): a storage confirmation is wrapped, {@code {"signed":{"serializedMessage":…,
 * "signature":…}}}, because Walrus's {@code StorageConfirmation} is an enum with one variant; an
 * invalid-blob attestation (the answer to an inconsistency proof) is the bare {@code
 * {"serializedMessage":…,"signature":…}}.
 *
 * <p>Parsing checks the form only: canonical base64, a 96-byte signature encoding a G2 point, and
 * message bytes that decode as the expected message type. The signature is not verified here.
 */
public final class Confirmations {
  private Confirmations() {}

  /** {@code {"serializedMessage":…,"signature":…}}. */
  public static ObjectNode signedMessageNode(SignedMessage<?> signed) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("serializedMessage", Base64.getEncoder().encodeToString(signed.serializedMessage()));
    o.put("signature", signed.signature().toBase64());
    return o;
  }

  /** {@code {"signed":{…}}}: the {@code data} of a confirmation response. */
  public static ObjectNode storageConfirmationNode(SignedMessage<StorageConfirmation> signed) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("signed", signedMessageNode(signed));
    return o;
  }

  public static String storageConfirmationJson(SignedMessage<StorageConfirmation> signed) {
    return storageConfirmationNode(signed).toString();
  }

  public static String invalidBlobIdJson(SignedMessage<InvalidBlobIdMessage> signed) {
    return signedMessageNode(signed).toString();
  }

  public static SignedMessage<StorageConfirmation> parseStorageConfirmation(JsonNode data) {
    JsonFields.object(data, "storage confirmation");
    return parseSignedMessage(
        JsonFields.field(data, "signed", "storage confirmation"), StorageConfirmation::fromBcs);
  }

  public static SignedMessage<StorageConfirmation> parseStorageConfirmation(byte[] json) {
    return parseStorageConfirmation(NodeApiJson.readTree(json));
  }

  public static SignedMessage<InvalidBlobIdMessage> parseInvalidBlobIdAttestation(JsonNode data) {
    return parseSignedMessage(data, InvalidBlobIdMessage::fromBcs);
  }

  public static SignedMessage<InvalidBlobIdMessage> parseInvalidBlobIdAttestation(byte[] json) {
    return parseInvalidBlobIdAttestation(NodeApiJson.readTree(json));
  }

  /** Parses {@code {"serializedMessage":…,"signature":…}} whose message must decode as a {@code T}. */
  public static <T extends ProtocolMessage> SignedMessage<T> parseSignedMessage(
      JsonNode node, MessageDecoder<T> decoder) {
    JsonFields.object(node, "signed message");
    byte[] message = base64(JsonFields.string(node, "serializedMessage", "signed message"), "serializedMessage");
    byte[] signatureBytes = base64(JsonFields.string(node, "signature", "signed message"), "signature");
    BlsSignature signature;
    try {
      signature = BlsSignature.fromBytes(signatureBytes);
    } catch (RuntimeException e) {
      throw new ApiFormatException("invalid signature in signed message: " + e.getMessage(), e);
    }
    try {
      decoder.fromBcs(message);
    } catch (BcsException | IllegalArgumentException e) {
      throw new ApiFormatException("signed message does not hold the expected message: " + e.getMessage(), e);
    }
    return SignedMessage.of(message, signature, decoder);
  }

  private static byte[] base64(String text, String field) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ApiFormatException(field + " is not standard base64: " + e.getMessage());
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new ApiFormatException(field + " is not canonical padded standard base64");
    }
    return bytes;
  }
}
