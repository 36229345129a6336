package dev.walrus.node.store;

import static dev.walrus.core.SliverType.PRIMARY;
import static dev.walrus.core.SliverType.SECONDARY;
import static dev.walrus.node.store.TestData.blobId;
import static dev.walrus.node.store.TestData.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.SliverData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sliver segment files: disk use against the slivers held, space coming back after deletions
 * (whole segments, and segments with scattered garbage whose live slivers are moved), after a
 * shard drop, and slivers whose bytes were damaged reading as missing.
 */
class SliverSpaceTest {
  private static final int SHARDS = 4;
  private static final int BLOBS = 240;
  private static final StoreOptions SMALL_SEGMENTS = StoreOptions.defaults().withSegmentBytes(1 << 20);

  @TempDir Path dir;

  @Test
  void diskStaysWithinBoundAndDeletedSliversSpaceComesBack() throws IOException {
    Path db = dir.resolve("db");
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      store.createShards(List.of(0, 1, 2, 3));
      for (int n = 0; n < BLOBS; n++) {
        write(store, n);
      }
      long held = store.sliverSpace().sliverBytes();
      assertThat(held).isEqualTo(expectedBytes(0, BLOBS));
      assertThat(store.sliverSpace().segmentFileBytes()).isLessThanOrEqualTo((long) (1.01 * held));
      assertThat(directorySize(db)).as("whole store against %d bytes of slivers", held).isLessThanOrEqualTo((long) (1.15 * held));

      // An epoch's worth of blobs expires together: their segments become garbage as a whole.
      for (int n = 0; n < BLOBS / 2; n++) {
        store.batch().deleteBlobEverywhere(blobId(n)).commit();
      }
      // Then scattered deletions: every third of the rest, so segments are part live, part garbage.
      for (int n = BLOBS / 2; n < BLOBS; n += 3) {
        store.batch().deleteBlobEverywhere(blobId(n)).commit();
      }
      SpaceReclaimer.Result result = store.reclaimSpaceIfDeleted().orElseThrow();
      assertThat(result.bytesMoved()).as("live slivers moved out of part-garbage segments").isPositive();
      long live = store.sliverSpace().sliverBytes();
      assertThat(live).isEqualTo(expectedBytes(BLOBS / 2, BLOBS) - deletedEveryThird());
      assertThat(store.sliverSpace().segmentFileBytes()).isLessThanOrEqualTo((long) (1.15 * live));
      assertThat(store.reclaimSpaceIfDeleted()).as("nothing deleted since").isEmpty();
      for (int n = 0; n < BLOBS; n++) {
        boolean kept = n >= BLOBS / 2 && (n - BLOBS / 2) % 3 != 0;
        for (int shard = 0; shard < SHARDS; shard++) {
          for (SliverType type : SliverType.values()) {
            if (kept) {
              assertThat(store.sliver(shard, type, blobId(n))).contains(sliver(n, shard, type));
            } else {
              assertThat(store.hasSliver(shard, type, blobId(n))).isFalse();
            }
          }
        }
      }
    }
    // Moved slivers stay where they were moved to.
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      assertThat(store.sliver(2, PRIMARY, blobId(BLOBS - 1))).contains(sliver(BLOBS - 1, 2, PRIMARY));
      write(store, BLOBS);
      assertThat(store.sliver(2, SECONDARY, blobId(BLOBS))).contains(sliver(BLOBS, 2, SECONDARY));
    }
  }

  @Test
  void aDroppedShardsFilesGoAtOnceAndLeftoversAtTheNextOpen() throws IOException {
    Path db = dir.resolve("db");
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      store.createShards(List.of(0, 1, 2, 3));
      for (int n = 0; n < 20; n++) {
        write(store, n);
      }
      assertThat(db.resolve("segments/shard-1")).isDirectory();
      store.dropShard(1);
      assertThat(db.resolve("segments/shard-1")).doesNotExist();
      assertThat(store.sliver(0, PRIMARY, blobId(3))).contains(sliver(3, 0, PRIMARY));
    }
    // A drop that crashed after removing the column families but before the files.
    Path orphan = Files.createDirectories(db.resolve("segments/shard-7"));
    Files.write(orphan.resolve("0000000000.seg"), new byte[1000]);
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      assertThat(orphan).doesNotExist();
      assertThat(store.sliver(3, SECONDARY, blobId(19))).contains(sliver(19, 3, SECONDARY));
    }
  }

  @Test
  void aSliverWhoseBytesWereDamagedReadsAsMissing() throws IOException {
    Path db = dir.resolve("db");
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      store.createShard(0);
      store.batch().putSliver(0, blobId(1), sliver(1, 0, PRIMARY)).putSliver(0, blobId(2), sliver(2, 0, PRIMARY)).commit();
    }
    Path segment;
    try (Stream<Path> files = Files.list(db.resolve("segments/shard-0"))) {
      segment = files.findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.seek(SliverSegments.HEADER.length + 100); // inside the first sliver
      int b = f.read();
      f.seek(SliverSegments.HEADER.length + 100);
      f.write(b ^ 1);
    }
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      List<NodeStore.LostSliver> lost = new java.util.ArrayList<>();
      store.onLostSliver(lost::add);
      assertThat(store.sliver(0, PRIMARY, blobId(1))).isEmpty();
      assertThat(store.sliver(0, PRIMARY, blobId(2))).contains(sliver(2, 0, PRIMARY));
      // The index still names the damaged sliver; the read reports it so the node can rebuild it.
      assertThat(store.hasSliver(0, PRIMARY, blobId(1))).isTrue();
      assertThat(lost).containsExactly(new NodeStore.LostSliver(0, PRIMARY, blobId(1)));
    }
  }

  @Test
  void aScanStopsAtItsByteBudgetButReturnsAtLeastOneSliver() {
    try (NodeStore store = NodeStore.open(dir.resolve("db"), SMALL_SEGMENTS)) {
      store.createShard(0);
      for (int n = 0; n < 10; n++) {
        store.batch().putSliver(0, blobId(n), sliver(n, 0, PRIMARY)).commit();
      }
      BlobId first = BlobId.of(new byte[32]);
      assertThat(store.slivers(0, PRIMARY, first, 100)).hasSize(10);
      assertThat(store.slivers(0, PRIMARY, first, 100, 1)).hasSize(1);
      List<StoredSliver> all = store.slivers(0, PRIMARY, first, 100);
      long three = all.subList(0, 3).stream().mapToLong(s -> s.sliver().toBcs().length).sum();
      assertThat(store.slivers(0, PRIMARY, first, 100, three)).hasSize(3);
      assertThat(store.slivers(0, PRIMARY, first, 100, three + 1)).hasSize(4);
    }
  }

  @Test
  void aShardSmallerThanOneSegmentGetsItsSpaceBackToo() throws IOException {
    // Default 64 MiB segments: each shard's slivers (~2 MB) never leave its first segment.
    Path db = dir.resolve("db");
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      store.createShards(List.of(0, 1, 2, 3));
      for (int n = 0; n < 60; n++) {
        write(store, n);
      }
      for (int n = 0; n < 60; n++) {
        if (n % 4 != 0) {
          store.batch().deleteBlobEverywhere(blobId(n)).commit();
        }
      }
      store.reclaimSpaceIfDeleted().orElseThrow();
      long live = store.sliverSpace().sliverBytes();
      assertThat(store.sliverSpace().segmentFileBytes()).isLessThanOrEqualTo((long) (1.15 * live));
      write(store, 60);
      assertThat(store.sliver(1, SECONDARY, blobId(60))).contains(sliver(60, 1, SECONDARY));
    }
    // After a restart (nothing deleted since the last pass in this process), the first pass runs.
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      store.batch().deleteBlobEverywhere(blobId(60)).commit();
    }
    try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
      assertThat(store.reclaimSpaceIfDeleted()).as("the first pass after an open").isPresent();
      long live = store.sliverSpace().sliverBytes();
      assertThat(store.sliverSpace().segmentFileBytes()).isLessThanOrEqualTo((long) (1.15 * live));
      for (int n = 0; n < 60; n += 4) {
        assertThat(store.sliver(3, PRIMARY, blobId(n))).contains(sliver(n, 3, PRIMARY));
      }
    }
  }

  @Test
  void smallSliversStayInRocksDb() throws IOException {
    Path db = dir.resolve("db");
    try (NodeStore store = NodeStore.open(db, SMALL_SEGMENTS)) {
      store.createShard(0);
      SliverData tiny = TestData.sliver(PRIMARY, 0, 100, 5);
      store.batch().putSliver(0, blobId(1), tiny).commit();
      assertThat(store.sliver(0, PRIMARY, blobId(1))).contains(tiny);
      assertThat(store.sliverBcs(0, PRIMARY, blobId(1))).hasValueSatisfying(b -> assertThat(b).isEqualTo(tiny.toBcs()));
      assertThat(store.sliverSpace().segmentFileBytes()).isZero();
    }
  }

  static void write(NodeStore store, long n) {
    Batch batch = store.batch().putMetadata(blobId(n), metadata(n, SHARDS));
    for (int shard = 0; shard < SHARDS; shard++) {
      for (SliverType type : SliverType.values()) {
        batch.putSliver(shard, blobId(n), sliver(n, shard, type));
      }
    }
    batch.commit();
  }

  /** Sliver sizes vary with the blob, as blob sizes do; primaries are twice the secondaries. */
  static SliverData sliver(long n, int shard, SliverType type) {
    int bytes = (type == PRIMARY ? 2 : 1) * (6_000 + (int) (n % 7) * 1_000);
    return TestData.sliver(type, shard, bytes, n * 8 + shard * 2 + type.ordinal());
  }

  private static long expectedBytes(int from, int to) {
    long sum = 0;
    for (int n = from; n < to; n++) {
      for (int shard = 0; shard < SHARDS; shard++) {
        for (SliverType type : SliverType.values()) {
          sum += sliver(n, shard, type).toBcs().length;
        }
      }
    }
    return sum;
  }

  private static long deletedEveryThird() {
    long sum = 0;
    for (int n = BLOBS / 2; n < BLOBS; n += 3) {
      sum += expectedBytes(n, n + 1);
    }
    return sum;
  }

  private static long directorySize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
