package dev.walrus.node.store;

import java.nio.file.Path;

/**
 * The child process of {@link NodeStoreCrashTest}: writes {@link CrashBatch}es from number {@code
 * args[1]} on, printing {@code ACK <n>} once each commit has returned, until it is killed.
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  public static void main(String[] args) {
    Path directory = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    NodeStore store = NodeStore.open(directory, StoreOptions.defaults());
    for (int shard = 0; shard < CrashBatch.SHARDS; shard++) {
      store.createShard(shard);
    }
    System.out.println("READY");
    System.out.flush();
    for (;; n++) {
      CrashBatch.write(store, n);
      System.out.println("ACK " + n);
      System.out.flush();
    }
  }
}
