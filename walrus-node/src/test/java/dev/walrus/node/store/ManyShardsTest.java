package dev.walrus.node.store;

import static dev.walrus.core.SliverType.PRIMARY;
import static dev.walrus.node.store.TestData.blobId;
import static dev.walrus.node.store.TestData.sliver;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of shard column families share one memtable budget: small writes to all of them must
 * not force flushes (each idle memtable once charged 1 MiB), neither while writing nor when the
 * WAL is replayed at open.
 */
class ManyShardsTest {
  private static final int SHARDS = 300;

  @TempDir Path dir;

  @Test
  void writesTouchingEveryShardStayInMemtablesAndSurviveReopen() throws Exception {
    Path db = dir.resolve("db");
    List<Integer> all = IntStream.range(0, SHARDS).boxed().toList();
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      store.createShards(all);
      store.createShards(all.subList(0, 10));
      for (int n = 0; n < 5; n++) {
        Batch batch = store.batch();
        for (int shard : all) {
          batch.putSliver(shard, blobId(n), sliver(PRIMARY, shard, 2000, n * SHARDS + shard));
        }
        batch.commit();
      }
      assertThat(tableFiles(db)).as("flushed table files").isZero();
    }
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      assertThat(store.shards()).hasSize(SHARDS);
      assertThat(tableFiles(db)).as("table files flushed while replaying the WAL").isZero();
      assertThat(store.sliver(SHARDS - 1, PRIMARY, blobId(4))).contains(sliver(PRIMARY, SHARDS - 1, 2000, 5L * SHARDS - 1));
      store.dropShards(all.subList(100, 200));
      assertThat(store.shards()).hasSize(SHARDS - 100).doesNotContain(100, 199).contains(99, 200);
    }
  }

  private static long tableFiles(Path db) throws IOException {
    try (var files = Files.list(db)) {
      return files.filter(f -> f.toString().endsWith(".sst") || f.toString().endsWith(".blob")).count();
    }
  }
}
