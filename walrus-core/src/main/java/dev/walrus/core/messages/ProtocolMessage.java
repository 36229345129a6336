package dev.walrus.core.messages;

import dev.walrus.core.bcs.BcsException;

/**
 * A message a storage node signs with its BLS protocol key: an {@link IntentHeader} and a body,
 * signed as its exact BCS bytes. The permitted types are the ones Walrus nodes and clients sign
 * and exchange; the deny-list and protocol-version intents only matter on chain, where the
 * ledger reads them from certificate bytes.
 */
public sealed interface ProtocolMessage
    permits ProofOfPossessionMessage, StorageConfirmation, InvalidBlobIdMessage, SyncShardMessage {

  IntentType intentType();

  /** The signer's committee epoch (u32). */
  long epoch();

  /** The BCS bytes, which are what gets signed. */
  byte[] toBcs();

  /**
   * Decodes a message of any of the permitted types, chosen by its intent byte; {@link
   * BcsException} for other intents and malformed input.
   */
  static ProtocolMessage fromBcs(byte[] bcs) {
    IntentType type = IntentHeader.peekType(bcs);
    return switch (type) {
      case PROOF_OF_POSSESSION -> ProofOfPossessionMessage.fromBcs(bcs);
      case BLOB_CERTIFICATION -> StorageConfirmation.fromBcs(bcs);
      case INVALID_BLOB_ID -> InvalidBlobIdMessage.fromBcs(bcs);
      case SYNC_SHARD -> SyncShardMessage.fromBcs(bcs);
      case DENY_LIST_UPDATE, DENY_LIST_BLOB_DELETED, PROTOCOL_VERSION ->
          throw new BcsException(
              "no decoder for intent type " + type.code() + " (" + type + ") messages");
    };
  }
}
