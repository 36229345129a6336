package dev.walrus.core.messages;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.CryptoException;
import dev.walrus.core.crypto.SignatureVerificationException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A protocol message with one node's BLS signature over its exact bytes. BCS: {@code
 * serialized_message: Vec<u8> ‖ signature: [u8; 96]}; JSON (built by callers from {@link
 * #serializedMessage()} and {@link #signature()}): {@code {"serializedMessage": base64,
 * "signature": base64}}, standard padded base64.
 *
 * <p>The bytes are kept as received rather than re-encoded from a decoded message, because the
 * signature covers those bytes; the message is decoded only when asked for.
 *
 * @param <T> the message type, decoded with the {@link MessageDecoder} given on construction
 */
public final class SignedMessage<T extends ProtocolMessage> {
  private final byte[] serializedMessage;
  private final BlsSignature signature;
  private final MessageDecoder<T> decoder;

  private SignedMessage(
      byte[] serializedMessage, BlsSignature signature, MessageDecoder<T> decoder) {
    this.serializedMessage = serializedMessage;
    this.signature = Objects.requireNonNull(signature, "signature");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** Signs the BCS bytes of {@code message}. */
  public static <T extends ProtocolMessage> SignedMessage<T> sign(BlsKeyPair keyPair, T message) {
    byte[] bytes = message.toBcs();
    return new SignedMessage<>(bytes, keyPair.sign(bytes), decoderOf(message));
  }

  /** A signed message from its parts, e.g. as read from JSON; nothing is verified yet. */
  public static <T extends ProtocolMessage> SignedMessage<T> of(
      byte[] serializedMessage, BlsSignature signature, MessageDecoder<T> decoder) {
    return new SignedMessage<>(serializedMessage.clone(), signature, decoder);
  }

  /**
   * Decodes the BCS form; {@link BcsException} for truncation, trailing bytes or a signature
   * that is not a valid G2 point. The message itself is decoded later, by {@link #verify}.
   */
  public static <T extends ProtocolMessage> SignedMessage<T> fromBcs(
      byte[] bcs, MessageDecoder<T> decoder) {
    BcsReader r = new BcsReader(bcs);
    byte[] message = r.bytes();
    BlsSignature signature = readSignature(r, "signed message");
    r.finish();
    return new SignedMessage<>(message, signature, decoder);
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(serializedMessage.length + 5 + BlsSignature.LENGTH);
    w.bytes(serializedMessage);
    w.fixedBytes(signature.bytes());
    return w.toByteArray();
  }

  /**
   * The message, once its bytes decode as a {@code T} and the signature verifies under {@code
   * publicKey}. Decoding comes first: it is cheap and rejects garbage before the pairing check.
   *
   * @throws BcsException if the bytes are not a {@code T}
   * @throws SignatureVerificationException if the signature does not verify
   */
  public T verify(BlsPublicKey publicKey) {
    T message = decoder.fromBcs(serializedMessage);
    if (!publicKey.verify(serializedMessage, signature)) {
      throw new SignatureVerificationException(
          "signature on " + message.intentType() + " message does not verify under " + publicKey);
    }
    return message;
  }

  /** The message without checking the signature, e.g. to find out which key to check it with. */
  public T unverifiedMessage() {
    return decoder.fromBcs(serializedMessage);
  }

  /** The signed bytes (a copy). */
  public byte[] serializedMessage() {
    return serializedMessage.clone();
  }

  public BlsSignature signature() {
    return signature;
  }

  static BlsSignature readSignature(BcsReader r, String what) {
    byte[] bytes = r.fixedBytes(BlsSignature.LENGTH);
    try {
      return BlsSignature.fromBytes(bytes);
    } catch (CryptoException e) {
      throw new BcsException("invalid " + what + ": " + e.getMessage());
    }
  }

  /**
   * The decoder of {@code message}'s own type. Sound because every permitted message type is a
   * final record class with exactly one decoder.
   */
  @SuppressWarnings("unchecked")
  private static <T extends ProtocolMessage> MessageDecoder<T> decoderOf(T message) {
    MessageDecoder<?> decoder =
        switch (message) {
          case ProofOfPossessionMessage m -> ProofOfPossessionMessage::fromBcs;
          case StorageConfirmation m -> StorageConfirmation::fromBcs;
          case InvalidBlobIdMessage m -> InvalidBlobIdMessage::fromBcs;
          case SyncShardMessage m -> SyncShardMessage::fromBcs;
        };
    return (MessageDecoder<T>) decoder;
  }

  /** Equal when the signed bytes and the signature are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SignedMessage<?> other
        && Arrays.equals(serializedMessage, other.serializedMessage)
        && signature.equals(other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(serializedMessage) + signature.hashCode();
  }

  @Override
  public String toString() {
    return "SignedMessage[" + serializedMessage.length + " bytes, signature=" + signature + "]";
  }
}
