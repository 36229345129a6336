package dev.walrus.core.messages;

import java.util.Objects;

/**
 * The signed body of {@code POST /v1/migrate/sync_shard} (protocol.md §5.5 step 4): {@code
 * header(3, 0, 3) ‖ epoch ‖ SyncShardRequest}, 55 bytes. Signed so that the source node serves
 * shard data only to the committee member that now owns the shard.
 *
 * @param epoch the requester's committee epoch (u32)
 */
public record SyncShardMessage(long epoch, SyncShardRequest request) implements ProtocolMessage {
  public SyncShardMessage {
    IntentHeader.checkEpoch(epoch);
    Objects.requireNonNull(request, "request");
  }

  @Override
  public IntentType intentType() {
    return IntentType.SYNC_SHARD;
  }

  @Override
  public byte[] toBcs() {
    return IntentHeader.encode(intentType(), epoch, SyncShardRequest.BCS_LENGTH, request::writeTo);
  }

  /** Decodes exactly one message; {@link dev.walrus.core.bcs.BcsException} otherwise. */
  public static SyncShardMessage fromBcs(byte[] bcs) {
    return IntentHeader.decode(
        bcs,
        IntentType.SYNC_SHARD,
        (epoch, r) -> new SyncShardMessage(epoch, SyncShardRequest.readFrom(r)));
  }
}
