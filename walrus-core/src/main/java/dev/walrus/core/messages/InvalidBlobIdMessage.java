package dev.walrus.core.messages;

import dev.walrus.core.BlobId;
import java.util.Objects;

/**
 * A node's attestation that a blob ID is inconsistent, given after checking an inconsistency
 * proof (protocol.md §5.3 step 3): {@code header(2, 0, 3) ‖ epoch ‖ blob_id[32]}, 39 bytes. A
 * certificate of f+1 of these lets anyone mark the blob ID invalid on chain.
 *
 * @param epoch the signer's committee epoch (u32)
 */
public record InvalidBlobIdMessage(long epoch, BlobId blobId) implements ProtocolMessage {
  public InvalidBlobIdMessage {
    IntentHeader.checkEpoch(epoch);
    Objects.requireNonNull(blobId, "blobId");
  }

  @Override
  public IntentType intentType() {
    return IntentType.INVALID_BLOB_ID;
  }

  @Override
  public byte[] toBcs() {
    return IntentHeader.encode(
        intentType(), epoch, BlobId.LENGTH, w -> w.fixedBytes(blobId.bytes()));
  }

  /** Decodes exactly one message; {@link dev.walrus.core.bcs.BcsException} otherwise. */
  public static InvalidBlobIdMessage fromBcs(byte[] bcs) {
    return IntentHeader.decode(
        bcs,
        IntentType.INVALID_BLOB_ID,
        (epoch, r) -> new InvalidBlobIdMessage(epoch, BlobId.of(r.fixedBytes(BlobId.LENGTH))));
  }
}
