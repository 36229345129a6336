package dev.walrus.node.store;

import static dev.walrus.core.SliverType.PRIMARY;
import static dev.walrus.core.SliverType.SECONDARY;
import static dev.walrus.node.store.TestData.blobId;
import static dev.walrus.node.store.TestData.sliver;
import static dev.walrus.node.store.TestData.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.node.store.NodeStore.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** A crash between the two column-family operations of createShard or dropShard is finished at open. */
class InterruptedShardChangeTest {
  @TempDir Path dir;

  @Test
  void aHalfCreatedShardIsCompletedAndAHalfDroppedOneIsRemoved() throws Exception {
    Path db = dir.resolve("db");
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      store.createShard(7);
      store.createShard(8);
      store.batch()
          .putSliver(7, blobId(1), sliver(PRIMARY, 0, 8, 1))
          .putSliver(8, blobId(1), sliver(SECONDARY, 0, 8, 1))
          .put(Table.SHARD_STATE, NodeStore.shardStateKey(8, "status"), utf8("lockedToMove"))
          .commit();
    }
    // As if createShard(7) had died before its secondary, and dropShard(8) after its primary.
    dropColumnFamilies(db, List.of("shard-7/secondary-slivers", "shard-8/primary-slivers"));

    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      assertThat(store.shards()).containsExactly(7);
      assertThat(store.sliver(7, PRIMARY, blobId(1))).isPresent();
      assertThat(store.sliverBlobIds(7, SECONDARY, TestData.FIRST, 10)).isEmpty();
      assertThat(store.get(Table.SHARD_STATE, NodeStore.shardStateKey(8, "status"))).isEmpty();
    }
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      assertThat(store.shards()).containsExactly(7);
    }
  }

  private static void dropColumnFamilies(Path db, List<String> names) throws Exception {
    List<String> all = new ArrayList<>();
    try (var options = new org.rocksdb.Options()) {
      RocksDB.listColumnFamilies(options, db.toString()).forEach(n -> all.add(new String(n, UTF_8)));
    }
    List<ColumnFamilyDescriptor> descriptors = all.stream().map(n -> new ColumnFamilyDescriptor(n.getBytes(UTF_8))).toList();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions(); RocksDB rocks = RocksDB.open(options, db.toString(), descriptors, handles)) {
      for (int i = 0; i < all.size(); i++) {
        if (names.contains(all.get(i))) {
          rocks.dropColumnFamily(handles.get(i));
        }
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }
}
