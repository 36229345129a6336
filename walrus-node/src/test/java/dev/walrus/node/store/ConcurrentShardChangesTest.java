package dev.walrus.node.store;

import static dev.walrus.core.SliverType.PRIMARY;
import static dev.walrus.node.store.TestData.blobId;
import static dev.walrus.node.store.TestData.sliver;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.encoding.SliverData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers on stable shards and readers and writers on a shard that is dropped and re-created meanwhile. */
class ConcurrentShardChangesTest {
  @TempDir Path dir;

  @Test
  void writesReadsAndShardChangesInterleaveSafely() throws Exception {
    try (NodeStore store = NodeStore.open(dir.resolve("db"), StoreOptions.defaults());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int shard = 0; shard <= 4; shard++) {
        store.createShard(shard);
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger rejected = new AtomicInteger();
      AtomicInteger churnWrites = new AtomicInteger();
      List<Future<?>> tasks = new ArrayList<>();
      for (int shard = 1; shard <= 4; shard++) {
        int s = shard;
        tasks.add(threads.submit(() -> {
          for (int n = 0; n < 200; n++) {
            store.batch().putSliver(s, blobId(n), sliver(PRIMARY, s, 256, n)).commit();
          }
          return null;
        }));
      }
      tasks.add(threads.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          try {
            store.batch().putSliver(0, blobId(n), sliver(PRIMARY, 0, 256, n)).commit();
            churnWrites.incrementAndGet();
          } catch (ShardNotStoredException e) {
            assertThat(e.shard()).isZero();
            rejected.incrementAndGet();
          }
          store.sliver(0, PRIMARY, blobId(n / 2)).ifPresent(v -> assertThat(v.length()).isEqualTo(256));
          store.slivers(0, PRIMARY, TestData.FIRST, 10).forEach(v -> assertThat(v.sliver().length()).isEqualTo(256));
          Thread.yield();
        }
        return null;
      }));
      Future<?> churn = threads.submit(() -> {
        for (int i = 0; i < 20; i++) {
          store.dropShard(0);
          Thread.yield();
          store.createShard(0);
          Thread.yield();
        }
        return null;
      });
      churn.get();
      stop.set(true);
      for (Future<?> task : tasks) {
        task.get();
      }

      assertThat(store.shards()).containsExactly(0, 1, 2, 3, 4);
      for (int shard = 1; shard <= 4; shard++) {
        assertThat(store.sliverBlobIds(shard, PRIMARY, TestData.FIRST, 1000)).hasSize(200);
        SliverData expected = sliver(PRIMARY, shard, 256, 123);
        assertThat(store.sliver(shard, PRIMARY, blobId(123))).contains(expected);
      }
      assertThat(churnWrites.get() + rejected.get()).isPositive();
    }
  }
}
