package dev.walrus.node.store;

/** A sliver write named a shard whose column families do not exist (never created, or dropped). */
public final class ShardNotStoredException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final int shard;

  ShardNotStoredException(int shard) {
    super("shard " + shard + " is not stored on this node (create it first)");
    this.shard = shard;
  }

  public int shard() {
    return shard;
  }
}
