package dev.walrus.core.messages;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Objects;

/**
 * What a node gaining a shard asks its previous owner for (protocol.md §5.5 step 4): up to
 * {@code sliverCount} slivers of one axis, in blob-ID order from {@code startingBlobId}
 * inclusive. BCS: {@code SyncShardRequest::V1} = variant 0 ‖ shard_index u16 ‖ sliver_type
 * (variant) ‖ starting_blob_id[32] ‖ sliver_count u64 ‖ epoch u32.
 *
 * @param shardIndex u16
 * @param sliverCount at most 2^63 − 1 here (the u64 on the wire; larger values are rejected when
 *     decoding, since any sane limit is far below)
 * @param epoch the requester's committee epoch (u32)
 */
public record SyncShardRequest(
    int shardIndex, SliverType sliverType, BlobId startingBlobId, long sliverCount, long epoch) {
  /** BCS length of a V1 request. */
  public static final int BCS_LENGTH = 1 + 2 + 1 + BlobId.LENGTH + 8 + 4;

  public SyncShardRequest {
    if (shardIndex < 0 || shardIndex > 0xFFFF) {
      throw new IllegalArgumentException("shard index " + shardIndex + " is out of u16 range");
    }
    Objects.requireNonNull(sliverType, "sliverType");
    Objects.requireNonNull(startingBlobId, "startingBlobId");
    if (sliverCount < 0) {
      throw new IllegalArgumentException("negative sliver count " + sliverCount);
    }
    IntentHeader.checkEpoch(epoch);
  }

  public void writeTo(BcsWriter w) {
    w.variant(0)
        .u16(shardIndex)
        .variant(sliverType.bcsIndex())
        .fixedBytes(startingBlobId.bytes())
        .u64(sliverCount)
        .u32(epoch);
  }

  public static SyncShardRequest readFrom(BcsReader r) {
    r.variant("SyncShardRequest", 1);
    int shardIndex = r.u16();
    SliverType sliverType = SliverType.fromBcsIndex(r.variant("SliverType", 2));
    BlobId startingBlobId = BlobId.of(r.fixedBytes(BlobId.LENGTH));
    long sliverCount = r.u64();
    if (sliverCount < 0) {
      throw new BcsException(
          "sliver count " + Long.toUnsignedString(sliverCount) + " is too large");
    }
    return new SyncShardRequest(shardIndex, sliverType, startingBlobId, sliverCount, r.u32());
  }
}
