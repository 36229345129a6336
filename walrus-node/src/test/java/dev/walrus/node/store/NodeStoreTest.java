package dev.walrus.node.store;

import static dev.walrus.core.SliverType.PRIMARY;
import static dev.walrus.core.SliverType.SECONDARY;
import static dev.walrus.node.store.TestData.blobId;
import static dev.walrus.node.store.TestData.blobIdStartingWith;
import static dev.walrus.node.store.TestData.metadata;
import static dev.walrus.node.store.TestData.sliver;
import static dev.walrus.node.store.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.node.store.NodeStore.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoreTest {
  @TempDir Path dir;
  NodeStore store;

  @BeforeEach
  void open() {
    store = NodeStore.open(dir.resolve("db"), StoreOptions.defaults());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void metadataRoundTrip() {
    BlobMetadata m = metadata(1, 10);
    assertThat(store.metadata(blobId(1))).isEmpty();
    assertThat(store.hasMetadata(blobId(1))).isFalse();

    store.batch().putMetadata(blobId(1), m).commit();

    assertThat(store.metadata(blobId(1))).contains(m);
    assertThat(store.hasMetadata(blobId(1))).isTrue();
    assertThat(store.hasMetadata(blobId(2))).isFalse();
    store.batch().deleteMetadata(blobId(1)).commit();
    assertThat(store.metadata(blobId(1))).isEmpty();
  }

  @Test
  void sliversRoundTripOnBothAxesIncludingLargeOnes() {
    store.createShard(3);
    SliverData small = sliver(PRIMARY, 3, 100, 1);
    SliverData large = sliver(SECONDARY, 6, 4 << 20, 2); // above the blob-file threshold
    store.batch().putSliver(3, blobId(1), small).putSliver(3, blobId(1), large).commit();

    assertThat(store.sliver(3, PRIMARY, blobId(1))).contains(small);
    assertThat(store.sliver(3, SECONDARY, blobId(1))).contains(large);
    assertThat(store.hasSliver(3, PRIMARY, blobId(1))).isTrue();
    assertThat(store.hasSliver(3, SECONDARY, blobId(1))).isTrue();
    assertThat(store.hasSliver(3, PRIMARY, blobId(2))).isFalse();
    assertThat(store.sliver(4, PRIMARY, blobId(1))).isEmpty();
    assertThat(store.hasSliver(4, PRIMARY, blobId(1))).isFalse();

    store.batch().deleteSliver(3, SECONDARY, blobId(1)).commit();
    assertThat(store.sliver(3, SECONDARY, blobId(1))).isEmpty();
    assertThat(store.sliver(3, PRIMARY, blobId(1))).contains(small);
  }

  @Test
  void writingToAMissingShardThrowsAndWritesNothing() {
    assertThatThrownBy(() -> store.batch().putSliver(5, blobId(1), sliver(PRIMARY, 0, 8, 1)))
        .isInstanceOf(ShardNotStoredException.class)
        .hasMessageContaining("shard 5");

    store.createShard(5);
    Batch batch = store.batch().putMetadata(blobId(1), metadata(1, 4)).putSliver(5, blobId(1), sliver(PRIMARY, 0, 8, 1));
    store.dropShard(5);
    assertThatThrownBy(batch::commit).isInstanceOf(ShardNotStoredException.class)
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.hasMetadata(blobId(1))).as("nothing of a failed batch is written").isFalse();
  }

  @Test
  void deletingASliverOfAMissingShardIsANoOp() {
    store.batch().deleteSliver(9, PRIMARY, blobId(1)).commit();
    assertThat(store.shards()).isEmpty();
  }

  @Test
  void scansAreInUnsignedBlobIdOrderAndPaginate() {
    store.createShard(0);
    List<BlobId> ids = new ArrayList<>();
    int[] firstBytes = {0x00, 0x01, 0x7F, 0x80, 0x81, 0xFE, 0xFF};
    for (int i = 0; i < firstBytes.length; i++) {
      for (int j = 0; j < 3; j++) {
        ids.add(blobIdStartingWith(firstBytes[i], 10L * i + j));
      }
    }
    List<BlobId> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, new Random(7));
    for (BlobId id : shuffled) {
      store.batch().putSliver(0, id, sliver(PRIMARY, 0, 16, id.hashCode())).commit();
    }
    List<BlobId> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertThat(sorted.getFirst().bytes()[0]).isEqualTo((byte) 0x00);
    assertThat(sorted.getLast().bytes()[0]).isEqualTo((byte) 0xFF);

    List<BlobId> paged = new ArrayList<>();
    BlobId start = BlobId.of(new byte[32]);
    while (true) {
      List<StoredSliver> page = store.slivers(0, PRIMARY, start, 4);
      page.forEach(s -> paged.add(s.blobId()));
      if (page.size() < 4) {
        break;
      }
      byte[] next = page.getLast().blobId().bytes();
      increment(next);
      start = BlobId.of(next);
    }
    assertThat(paged).containsExactlyElementsOf(sorted);
    assertThat(store.sliverBlobIds(0, PRIMARY, BlobId.of(new byte[32]), 100)).containsExactlyElementsOf(sorted);

    BlobId middle = sorted.get(10);
    assertThat(store.sliverBlobIds(0, PRIMARY, middle, 3)).containsExactlyElementsOf(sorted.subList(10, 13));
    byte[] justAfterMiddle = middle.bytes();
    increment(justAfterMiddle);
    assertThat(store.sliverBlobIds(0, PRIMARY, BlobId.of(justAfterMiddle), 2))
        .as("a start key that is not stored begins at the next one").containsExactlyElementsOf(sorted.subList(11, 13));
    List<StoredSliver> fromMiddle = store.slivers(0, PRIMARY, middle, 1);
    assertThat(fromMiddle).singleElement().satisfies(s -> {
      assertThat(s.blobId()).isEqualTo(middle);
      assertThat(s.sliver()).isEqualTo(sliver(PRIMARY, 0, 16, middle.hashCode()));
    });
    assertThat(store.slivers(0, SECONDARY, middle, 10)).isEmpty();
    assertThat(store.slivers(0, PRIMARY, middle, 0)).isEmpty();
    assertThat(store.slivers(1, PRIMARY, middle, 10)).isEmpty();
    assertThat(store.sliverBlobIds(1, PRIMARY, middle, 10)).isEmpty();
    assertThatThrownBy(() -> store.slivers(0, PRIMARY, middle, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dropThenCreateGivesAnEmptyShardAndRemovesOnlyItsState() {
    store.createShard(1);
    store.createShard(2);
    store.createShard(2);
    assertThat(store.shards()).containsExactly(1, 2);
    store.batch()
        .putSliver(1, blobId(1), sliver(PRIMARY, 1, 8, 1))
        .putSliver(1, blobId(1), sliver(SECONDARY, 1, 8, 2))
        .put(Table.SHARD_STATE, NodeStore.shardStateKey(1, "status"), utf8("active"))
        .put(Table.SHARD_STATE, NodeStore.shardStateKey(1, "sync-progress"), utf8("x"))
        .put(Table.SHARD_STATE, NodeStore.shardStateKey(2, "status"), utf8("active"))
        .put(Table.SHARD_STATE, NodeStore.shardStateKey(256, "status"), utf8("other"))
        .commit();

    store.dropShard(1);
    assertThat(store.hasShard(1)).isFalse();
    assertThat(store.shards()).containsExactly(2);
    assertThat(store.sliver(1, PRIMARY, blobId(1))).isEmpty();
    assertThat(store.get(Table.SHARD_STATE, NodeStore.shardStateKey(1, "status"))).isEmpty();
    assertThat(store.get(Table.SHARD_STATE, NodeStore.shardStateKey(1, "sync-progress"))).isEmpty();
    assertThat(store.get(Table.SHARD_STATE, NodeStore.shardStateKey(2, "status"))).isPresent();
    assertThat(store.get(Table.SHARD_STATE, NodeStore.shardStateKey(256, "status"))).isPresent();

    store.createShard(1);
    assertThat(store.hasShard(1)).isTrue();
    assertThat(store.sliverBlobIds(1, PRIMARY, BlobId.of(new byte[32]), 10)).isEmpty();
    assertThat(store.sliverBlobIds(1, SECONDARY, BlobId.of(new byte[32]), 10)).isEmpty();
    store.dropShard(7); // absent: nothing to do
    assertThatThrownBy(() -> store.createShard(65536)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteBlobEverywhereRemovesMetadataAndEveryShardsSlivers() {
    for (int shard = 0; shard < 3; shard++) {
      store.createShard(shard);
    }
    for (int n = 1; n <= 2; n++) {
      Batch batch = store.batch().putMetadata(blobId(n), metadata(n, 3));
      for (int shard = 0; shard < 3; shard++) {
        batch.putSliver(shard, blobId(n), sliver(PRIMARY, shard, 8, n)).putSliver(shard, blobId(n), sliver(SECONDARY, shard, 8, n));
      }
      batch.commit();
    }

    store.batch().deleteBlobEverywhere(blobId(1)).commit();

    assertThat(store.hasMetadata(blobId(1))).isFalse();
    assertThat(store.hasMetadata(blobId(2))).isTrue();
    for (int shard = 0; shard < 3; shard++) {
      for (var type : List.of(PRIMARY, SECONDARY)) {
        assertThat(store.hasSliver(shard, type, blobId(1))).isFalse();
        assertThat(store.hasSliver(shard, type, blobId(2))).isTrue();
      }
    }
  }

  @Test
  void reopeningKeepsDataTablesAndTheSetOfShards() {
    store.createShard(4);
    store.createShard(400);
    store.batch()
        .putMetadata(blobId(1), metadata(1, 5))
        .putSliver(400, blobId(1), sliver(SECONDARY, 9, 300_000, 3))
        .put(Table.NODE_STATE, utf8("status"), utf8("Active"))
        .commit();
    store.close();

    store = NodeStore.open(dir.resolve("db"), StoreOptions.defaults());

    assertThat(store.shards()).containsExactly(4, 400);
    assertThat(store.metadata(blobId(1))).contains(metadata(1, 5));
    assertThat(store.sliver(400, SECONDARY, blobId(1))).contains(sliver(SECONDARY, 9, 300_000, 3));
    assertThat(store.get(Table.NODE_STATE, utf8("status"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("Active")));
  }

  @Test
  void tablesReturnStoredBytesAsTheyAreAndIterateByPrefix() {
    byte[] garbage = {(byte) 0xFF, 0x00, (byte) 0x80, 0x13};
    Batch batch = store.batch().put(Table.BLOB_INFO, utf8("corrupt"), garbage);
    for (int i = 0; i < 600; i++) {
      batch.put(Table.PENDING_SYNC, new byte[] {1, (byte) (i >> 8), (byte) i}, new byte[] {(byte) i});
    }
    batch.put(Table.PENDING_SYNC, new byte[] {0, 1}, utf8("before"));
    batch.put(Table.PENDING_SYNC, new byte[] {2}, utf8("after"));
    batch.put(Table.PENDING_SYNC, new byte[] {(byte) 0x81}, utf8("high"));
    batch.commit();

    assertThat(store.get(Table.BLOB_INFO, utf8("corrupt"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(garbage));
    assertThat(store.get(Table.OBJECT_INFO, utf8("corrupt"))).isEmpty();

    List<Integer> seen = new ArrayList<>();
    store.forEach(Table.PENDING_SYNC, new byte[] {1}, (k, v) -> seen.add(((k[1] & 0xFF) << 8) | (k[2] & 0xFF)));
    assertThat(seen).hasSize(600).isSorted().doesNotHaveDuplicates();

    List<String> all = new ArrayList<>();
    store.forEach(Table.PENDING_SYNC, new byte[0], (k, v) -> {
      if (k.length < 3) {
        all.add(new String(v, java.nio.charset.StandardCharsets.UTF_8));
      }
      return true;
    });
    assertThat(all).as("unsigned key order").containsExactly("before", "after", "high");

    int[] visits = {0};
    store.forEach(Table.PENDING_SYNC, new byte[] {1}, (k, v) -> ++visits[0] < 5);
    assertThat(visits[0]).isEqualTo(5);

    store.batch().delete(Table.BLOB_INFO, utf8("corrupt")).commit();
    assertThat(store.get(Table.BLOB_INFO, utf8("corrupt"))).isEmpty();
  }

  @Test
  void aVisitorMayWriteToTheStore() {
    store.batch().put(Table.GC, utf8("a"), utf8("1")).put(Table.GC, utf8("b"), utf8("2")).commit();
    store.forEach(Table.GC, new byte[0], (k, v) -> {
      store.batch().delete(Table.GC, k).commit();
      store.createShard(1);
      return true;
    });
    assertThat(store.get(Table.GC, utf8("a"))).isEmpty();
    assertThat(store.get(Table.GC, utf8("b"))).isEmpty();
  }

  @Test
  void aClosedStoreThrowsInsteadOfCrashing() {
    store.createShard(0);
    Batch pending = store.batch().put(Table.GC, utf8("k"), utf8("v"));
    store.close();
    store.close();

    assertThatThrownBy(() -> store.metadata(blobId(1))).isInstanceOf(StoreClosedException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.sliver(0, PRIMARY, blobId(1))).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.slivers(0, PRIMARY, blobId(1), 5)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.get(Table.GC, utf8("k"))).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.forEach(Table.GC, new byte[0], (k, v) -> true)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.createShard(1)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.dropShard(0)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(store::shards).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(store::stats).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(store::batch).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(pending::commit).isInstanceOf(StoreClosedException.class);
  }

  @Test
  void aBatchCommitsOnce() {
    Batch batch = store.batch().put(Table.GC, utf8("k"), utf8("v"));
    batch.commit();
    assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> batch.put(Table.GC, utf8("k"), utf8("w"))).isInstanceOf(IllegalStateException.class);
    Batch discarded = store.batch().put(Table.GC, utf8("k2"), utf8("v"));
    discarded.close();
    assertThat(store.get(Table.GC, utf8("k2"))).isEmpty();
    assertThat(batch.size()).isEqualTo(1);
  }

  @Test
  void statsCoverEveryColumnFamily() {
    store.createShard(2);
    store.batch().putMetadata(blobId(1), metadata(1, 3)).putSliver(2, blobId(1), sliver(PRIMARY, 0, 1000, 1)).commit();

    StoreStats stats = store.stats();

    assertThat(stats.columnFamilies()).containsKeys("metadata", "aggregate_blob_info", "garbage_collector",
        "shard-2/primary-slivers", "shard-2/secondary-slivers");
    assertThat(stats.columnFamilies().get("shard-2/primary-slivers").memtableBytes()).isPositive();
    assertThat(stats.totalEstimatedKeys()).isGreaterThanOrEqualTo(2);
    assertThat(stats.bytesOnDisk()).isPositive();
  }

  private static void increment(byte[] id) {
    for (int i = id.length - 1; i >= 0; i--) {
      if (++id[i] != 0) {
        return;
      }
    }
  }
}
