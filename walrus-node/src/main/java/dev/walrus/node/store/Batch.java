package dev.walrus.node.store;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.node.store.NodeStore.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A group of writes that {@link #commit()} applies atomically, as one RocksDB write batch: after
 * a crash either all of them are there or none. Writes are collected in Java and resolved to
 * column families only at commit, so a shard dropped in between is noticed rather than written
 * to. Byte arrays passed in are kept, not copied, until the commit: do not modify them. A batch
 * belongs to one thread.
 */
public final class Batch implements AutoCloseable {
  sealed interface Op {}

  record TablePut(Table table, byte[] key, byte[] value) implements Op {}

  record TableDelete(Table table, byte[] key) implements Op {}

  record MetadataPut(byte[] key, byte[] value) implements Op {}

  record MetadataDelete(byte[] key) implements Op {}

  record SliverPut(int shard, SliverType type, byte[] key, byte[] value) implements Op {}

  record SliverDelete(int shard, SliverType type, byte[] key) implements Op {}

  record DeleteEverywhere(byte[] key) implements Op {}

  private final NodeStore store;
  private final List<Op> ops = new ArrayList<>();
  private boolean finished;

  Batch(NodeStore store) {
    this.store = store;
  }

  public Batch put(Table table, byte[] key, byte[] value) {
    return add(new TablePut(Objects.requireNonNull(table, "table"), Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(value, "value")));
  }

  public Batch delete(Table table, byte[] key) {
    return add(new TableDelete(Objects.requireNonNull(table, "table"), Objects.requireNonNull(key, "key")));
  }

  public Batch putMetadata(BlobId id, BlobMetadata metadata) {
    return add(new MetadataPut(id.bytes(), metadata.toBcs()));
  }

  public Batch deleteMetadata(BlobId id) {
    return add(new MetadataDelete(id.bytes()));
  }

  /**
   * Stores {@code sliver} in the column family of its axis.
   *
   * @throws ShardNotStoredException if the shard does not exist now (checked again at commit)
   */
  public Batch putSliver(int shard, BlobId id, SliverData sliver) {
    ShardColumns.checkShard(shard);
    checkNotFinished();
    store.requireShard(shard);
    return add(new SliverPut(shard, sliver.type(), id.bytes(), sliver.toBcs()));
  }

  /**
   * Stores a sliver given as its BCS ({@link SliverData#toBcs()}) without parsing or copying it: the
   * node's upload path has checked it already and stores the request body as it came. The array is
   * kept until the commit and must not change.
   *
   * @throws ShardNotStoredException if the shard does not exist now (checked again at commit)
   */
  public Batch putSliverBcs(int shard, SliverType type, BlobId id, byte[] bcs) {
    ShardColumns.checkShard(shard);
    checkNotFinished();
    store.requireShard(shard);
    return add(new SliverPut(shard, Objects.requireNonNull(type, "type"), id.bytes(), Objects.requireNonNull(bcs, "bcs")));
  }

  /** Deletes one sliver; nothing happens if the shard does not exist (its data is gone already). */
  public Batch deleteSliver(int shard, SliverType type, BlobId id) {
    ShardColumns.checkShard(shard);
    return add(new SliverDelete(shard, Objects.requireNonNull(type, "type"), id.bytes()));
  }

  /** Deletes the blob's metadata and its slivers in every shard that exists at commit time. */
  public Batch deleteBlobEverywhere(BlobId id) {
    return add(new DeleteEverywhere(id.bytes()));
  }

  /** The number of writes collected so far. */
  public int size() {
    return ops.size();
  }

  /**
   * Applies every write at once. Once this returns the writes survive a process crash (and a power
   * loss if {@link StoreOptions#syncWrites()}).
   *
   * @throws ShardNotStoredException if a sliver's shard was dropped since it was added; nothing is
   *     written then
   * @throws IllegalStateException if the batch was committed or closed already
   */
  public void commit() {
    checkNotFinished();
    finished = true;
    store.write(ops);
  }

  /** Discards the batch if it was not committed. */
  @Override
  public void close() {
    finished = true;
  }

  private Batch add(Op op) {
    checkNotFinished();
    ops.add(op);
    return this;
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("this batch was already committed or closed");
    }
  }
}
