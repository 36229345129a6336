package dev.walrus.node.service;

import dev.walrus.node.store.NodeStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per shard, whether writes and reads are allowed, and tracks each shard's state for the
 * health endpoint. A shard owned in the current committee takes writes (also while it is still
 * being pulled from its previous owner); a shard the node lost keeps serving reads and
 * {@code sync_shard} requests until it is dropped.
 */
public final class ShardGate {

  /** Walrus's health states: ready, inTransfer (pulled from the previous owner), inRecovery. */
  public enum State {
    READY("ready"),
    IN_TRANSFER("inTransfer"),
    IN_RECOVERY("inRecovery"),
    READ_ONLY("readOnly");

    public final String json;

    State(String json) {
      this.json = json;
    }
  }

  private final NodeContext node;
  private final Map<Integer, State> states = new ConcurrentHashMap<>();

  public ShardGate(NodeContext node) {
    this.node = node;
  }

  /** Owned now (the shard's storage is created on first use). */
  public void requireWritable(int shard) {
    if (!node.committee().owns(shard)) {
      throw NodeApiException.invalid("SHARD_NOT_ASSIGNED",
          "shard " + shard + " is not assigned to this node in epoch " + node.epoch());
    }
    if (!node.store().hasShard(shard)) {
      node.store().createShard(shard);
    }
  }

  /** Held in storage (owned now, or lost recently and not yet dropped). */
  public void requireStored(int shard) {
    if (node.store().hasShard(shard)) {
      return;
    }
    if (node.committee().owns(shard)) {
      node.store().createShard(shard);
      return;
    }
    throw NodeApiException.invalid("SHARD_NOT_ASSIGNED",
        "shard " + shard + " is not stored at this node in epoch " + node.epoch());
  }

  public void set(int shard, State state) {
    states.put(shard, state);
  }

  public State state(int shard) {
    if (!node.committee().owns(shard)) {
      return State.READ_ONLY;
    }
    return states.getOrDefault(shard, State.READY);
  }

  public void forget(int shard) {
    states.remove(shard);
  }
}
