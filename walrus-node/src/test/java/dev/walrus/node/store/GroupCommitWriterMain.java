package dev.walrus.node.store;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.SliverData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link GroupCommitCrashTest}: {@link #WRITERS} threads each store slivers
 * through one {@link GroupCommitter}, one after the other, printing {@code ACK <writer> <n>} when
 * a write's future completes, until the process is killed.
 */
public final class GroupCommitWriterMain {
  static final int WRITERS = 8;
  static final int SHARDS = 4;

  private GroupCommitWriterMain() {}

  static BlobId blobId(int writer, long n) {
    return TestData.blobId(n * WRITERS + writer);
  }

  static int shard(long n) {
    return (int) (n % SHARDS);
  }

  static SliverType type(long n) {
    return n % 2 == 0 ? SliverType.PRIMARY : SliverType.SECONDARY;
  }

  /** Most slivers go to segment files; every seventh is small enough to stay in RocksDB. */
  static SliverData sliver(int writer, long n) {
    int bytes = n % 7 == 0 ? 100 : 2_000 + 2 * (int) ((n * 7919 + writer) % 30_000);
    return TestData.sliver(type(n), shard(n), bytes, n * WRITERS + writer);
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    long first = Long.parseLong(args[1]);
    NodeStore store = NodeStore.open(directory, StoreOptions.defaults().withSegmentBytes(1 << 20));
    for (int shard = 0; shard < SHARDS; shard++) {
      store.createShard(shard);
    }
    GroupCommitter committer = new GroupCommitter(store, 64, 4 << 20, 128);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          for (long n = first; ; n++) {
            committer.putSliverBcs(shard(n), type(n), blobId(writer, n), sliver(writer, n).toBcs()).get();
            synchronized (System.out) {
              System.out.println("ACK " + writer + " " + n);
              System.out.flush();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
          System.exit(3);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
