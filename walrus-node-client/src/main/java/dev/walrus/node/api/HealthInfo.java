package dev.walrus.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.walrus.core.crypto.BlsPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /v1/health} ({@code ServiceHealthInfo}): uptime, epoch, the node's
 * BLS public key (standard base64, as Walrus writes it), its status, how far event processing
 * got and its shards. JSON field names are camelCase; {@code shardDetail} (only with {@code
 * ?detailed=true}) and {@code latestCheckpointSequenceNumber} are omitted when absent.
 */
public record HealthInfo(
    Uptime uptime,
    long epoch,
    BlsPublicKey publicKey,
    String nodeStatus,
    EventProgress eventProgress,
    ShardSummary shardSummary,
    @JsonInclude(JsonInclude.Include.NON_NULL) ShardDetail shardDetail,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long latestCheckpointSequenceNumber) {

  public HealthInfo {
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(nodeStatus, "nodeStatus");
    Objects.requireNonNull(eventProgress, "eventProgress");
    Objects.requireNonNull(shardSummary, "shardSummary");
  }

  /** A Rust {@code Duration}: whole seconds and the nanoseconds beyond. */
  public record Uptime(long secs, int nanos) {
    public static Uptime of(java.time.Duration d) {
      return new Uptime(d.getSeconds(), d.getNano());
    }

    public java.time.Duration toDuration() {
      return java.time.Duration.ofSeconds(secs, nanos);
    }
  }

  /**
   * Events persisted and pending; {@code highestFinishedEventIndex} is written as {@code null}
   * when no event was finished yet, as Walrus does.
   */
  public record EventProgress(
      long persisted,
      long pending,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long highestFinishedEventIndex) {}

  /** Shards owned in the current epoch, by status, and shards kept only to serve reads. */
  public record ShardSummary(int owned, OwnedShardStatus ownedShardStatus, int readOnly) {
    public ShardSummary {
      Objects.requireNonNull(ownedShardStatus, "ownedShardStatus");
    }
  }

  public record OwnedShardStatus(int unknown, int ready, int inTransfer, int inRecovery) {}

  /** Per-shard statuses: owned shards and other shards still stored. */
  public record ShardDetail(List<ShardHealth> owned, List<ShardHealth> other) {
    public ShardDetail {
      owned = List.copyOf(owned);
      other = List.copyOf(other);
    }
  }

  public record ShardHealth(int shard, ShardStatus status) {
    public ShardHealth {
      Objects.requireNonNull(status, "status");
    }
  }

  /** A shard's state as the health API names it. */
  public enum ShardStatus {
    @JsonProperty("unknown")
    UNKNOWN,
    @JsonProperty("ready")
    READY,
    @JsonProperty("inTransfer")
    IN_TRANSFER,
    @JsonProperty("inRecovery")
    IN_RECOVERY,
    @JsonProperty("readOnly")
    READ_ONLY
  }

  public String toJson() {
    return NodeApiJson.toJson(this);
  }

  public static HealthInfo fromJson(byte[] json) {
    return NodeApiJson.parse(json, HealthInfo.class);
  }
}
