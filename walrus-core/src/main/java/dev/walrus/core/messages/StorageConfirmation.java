package dev.walrus.core.messages;

import dev.walrus.core.BlobId;
import java.util.Objects;

/**
 * A node's statement that it stores all its slivers of a blob (protocol.md §3 step 6):
 * {@code header(1, 0, 3) ‖ epoch ‖ blob_id[32] ‖ persistence}, 40 bytes for a permanent blob
 * and 72 for a deletable one. All nodes sign identical bytes, so their signatures aggregate into
 * the certificate that makes the blob available on chain.
 *
 * @param epoch the signer's committee epoch (u32)
 */
public record StorageConfirmation(long epoch, BlobId blobId, BlobPersistence persistence)
    implements ProtocolMessage {
  public StorageConfirmation {
    IntentHeader.checkEpoch(epoch);
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(persistence, "persistence");
  }

  @Override
  public IntentType intentType() {
    return IntentType.BLOB_CERTIFICATION;
  }

  @Override
  public byte[] toBcs() {
    return IntentHeader.encode(
        intentType(),
        epoch,
        BlobId.LENGTH + persistence.bcsLength(),
        w -> {
          w.fixedBytes(blobId.bytes());
          persistence.writeTo(w);
        });
  }

  /**
   * Decodes exactly one confirmation; {@link dev.walrus.core.bcs.BcsException} for another
   * intent, an unknown persistence variant, truncation or trailing bytes.
   */
  public static StorageConfirmation fromBcs(byte[] bcs) {
    return IntentHeader.decode(
        bcs,
        IntentType.BLOB_CERTIFICATION,
        (epoch, r) ->
            new StorageConfirmation(
                epoch, BlobId.of(r.fixedBytes(BlobId.LENGTH)), BlobPersistence.readFrom(r)));
  }
}
