package dev.walrus.core.messages;

/**
 * Decodes the BCS bytes of one message type, e.g. {@code StorageConfirmation::fromBcs}; lets
 * {@link SignedMessage} and {@link ProtocolMessageCertificate} hand back a typed message.
 */
@FunctionalInterface
public interface MessageDecoder<T extends ProtocolMessage> {
  /** The message; {@link dev.walrus.core.bcs.BcsException} if the bytes are not one. */
  T fromBcs(byte[] bcs);
}
