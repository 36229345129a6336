package dev.walrus.node.service;

import dev.walrus.node.api.HealthInfo;
import dev.walrus.node.api.HealthInfo.ShardHealth;
import dev.walrus.node.api.HealthInfo.ShardStatus;
import dev.walrus.node.committee.Committees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/** {@code GET /v1/health}: uptime, epoch, event progress and what state each shard is in. */
public final class HealthService {
  private final NodeContext node;
  private final ShardGate gate;
  private final LongSupplier eventCursor;
  private final LongSupplier eventsPending;
  private final long startNanos = System.nanoTime();

  public HealthService(NodeContext node, ShardGate gate, LongSupplier eventCursor, LongSupplier eventsPending) {
    this.node = node;
    this.gate = gate;
    this.eventCursor = eventCursor;
    this.eventsPending = eventsPending;
  }

  public HealthInfo health(boolean detailed) {
    Committees c = node.committee();
    Set<Integer> owned = c.ownShards();
    int[] counts = new int[ShardStatus.values().length];
    List<ShardHealth> ownedDetail = new ArrayList<>();
    for (int shard : owned) {
      ShardStatus s = toStatus(gate.state(shard));
      counts[s.ordinal()]++;
      ownedDetail.add(new ShardHealth(shard, s));
    }
    List<ShardHealth> other = new ArrayList<>();
    for (int shard : node.store().shards()) {
      if (!owned.contains(shard)) {
        other.add(new ShardHealth(shard, ShardStatus.READ_ONLY));
      }
    }
    long cursor = eventCursor.getAsLong();
    String status = owned.isEmpty() ? "Standby" : counts[ShardStatus.IN_TRANSFER.ordinal()] + counts[ShardStatus.IN_RECOVERY.ordinal()] > 0
        ? "RecoveryInProgress" : "Active";
    return new HealthInfo(
        HealthInfo.Uptime.of(Duration.ofNanos(System.nanoTime() - startNanos)),
        c.epoch(),
        node.protocolKey().publicKey(),
        status,
        new HealthInfo.EventProgress(cursor, eventsPending.getAsLong(), cursor == 0 ? null : cursor - 1),
        new HealthInfo.ShardSummary(owned.size(), new HealthInfo.OwnedShardStatus(counts[ShardStatus.UNKNOWN.ordinal()],
            counts[ShardStatus.READY.ordinal()], counts[ShardStatus.IN_TRANSFER.ordinal()],
            counts[ShardStatus.IN_RECOVERY.ordinal()]), other.size()),
        detailed ? new HealthInfo.ShardDetail(ownedDetail, other) : null,
        null);
  }

  private static ShardStatus toStatus(ShardGate.State s) {
    return switch (s) {
      case READY -> ShardStatus.READY;
      case IN_TRANSFER -> ShardStatus.IN_TRANSFER;
      case IN_RECOVERY -> ShardStatus.IN_RECOVERY;
      case READ_ONLY -> ShardStatus.READ_ONLY;
    };
  }
}
