package dev.walrus.core.messages;

import dev.walrus.core.bcs.BcsException;

/**
 * What a signed Walrus message is for: the first byte of every protocol message, so that a
 * signature given for one purpose can never be replayed as another.
 */
public enum IntentType {
  /** Registration or key rotation: the BLS key signs the owner address (ledger.md §8). */
  PROOF_OF_POSSESSION(0),
  /** Storage confirmation: the node holds its slivers of a blob (protocol.md §3 step 6). */
  BLOB_CERTIFICATION(1),
  /** A blob ID proven inconsistent (protocol.md §5.3 step 3). */
  INVALID_BLOB_ID(2),
  /** Node-to-node shard migration request; never on chain (protocol.md §5.5 step 4). */
  SYNC_SHARD(3),
  DENY_LIST_UPDATE(4),
  DENY_LIST_BLOB_DELETED(5),
  PROTOCOL_VERSION(6);

  private static final IntentType[] BY_CODE = values();

  private final int code;

  IntentType(int code) {
    this.code = code;
  }

  /** The wire byte. */
  public int code() {
    return code;
  }

  /** The intent with this wire byte; {@link BcsException} for any other value. */
  public static IntentType fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new BcsException("unknown intent type " + code);
    }
    return BY_CODE[code];
  }
}
